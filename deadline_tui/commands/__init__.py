"""The command-line subcommands, one module per group. None of them imports Textual."""
