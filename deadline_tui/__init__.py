"""deadline-tui: theo dõi, đôn đốc đầu việc. Importing the package stays cheap on purpose."""

__version__ = "0.1.0"
