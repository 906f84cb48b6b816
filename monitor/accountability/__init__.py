"""Accountability (issue 15): who answers for each lagging unit and sector, what they committed to, whether it was
done. Owners as data (owners.py), the action register with statuses computed from deadlines (register.py,
rules.py), officer accounts bound to owners and checked on every write (access.py), e-mail notifications
(notify.py, mailer.py), display-ready views (views.py) and the command line (cli.py)."""
