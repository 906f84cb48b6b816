"""Leaders' views: growth against target, drill-down by sector and locality, charts, `status`."""
