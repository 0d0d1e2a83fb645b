"""The Textual front end. Importing this package registers its messages (no Textual import)."""

from deadline_tui.i18n import register
from deadline_tui.i18n.tui import MESSAGES

register(MESSAGES)
