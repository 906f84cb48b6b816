"""What-if: projecting the year, solving for a sector, the shortfall, editing targets."""
