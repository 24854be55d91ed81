"""Translation lookups for the view and the tools (pure; no pygame).

`Translator` is passed around explicitly; nothing is installed globally. UI strings
are English msgids in the code (`tr.gettext("Play")`); scenario strings are looked up
by their stable key (`tr.text(Text)`), falling back to the source text.
"""

from __future__ import annotations

import gettext as _gettext

from .texts import Text

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}


class Translator:
    def __init__(self, lang: str = "vi", ui: _gettext.NullTranslations | None = None,
                 scenarios: _gettext.NullTranslations | None = None):
        self.lang = lang
        self._ui = ui or _gettext.NullTranslations()
        self._scn = scenarios or _gettext.NullTranslations()

    def gettext(self, msgid: str) -> str:
        return self._ui.gettext(msgid)

    def pgettext(self, context: str, msgid: str) -> str:
        return self._ui.pgettext(context, msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._ui.ngettext(singular, plural, n)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._ui.npgettext(context, singular, plural, n)

    def text(self, t: Text | None) -> str:
        """A scenario string in the player's language, or its source text."""
        if t is None:
            return ""
        return self._scn.pgettext(t.key, t.source)


def load_translator(lang: str) -> Translator:
    """The translator for a language (catalogue loading is added by the i18n pipeline)."""
    return Translator(lang)
