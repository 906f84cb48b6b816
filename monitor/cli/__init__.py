"""The command line, `python -m monitor`: the areas' subcommands under one parser."""
