"""The report heads each decision with what the class was deciding about, never a step's id."""

import pytest

from game.core.loader import load_all
from game.report.labels import Labels


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_decision_of_every_shipped_scenario_has_words_not_an_id(lang):
    # a verifying try-out saw "Quyết định 6 · fake_login": a step whose last event is a page, an
    # email, a post or an installer had no words, so the report fell back to the step's id
    scns = {r.scenario.id: r.scenario for r in load_all() if r.ok}
    labels = Labels(lang, scns)
    bare = [(sid, st.id) for sid, scn in scns.items() for st in scn.steps
            if st.choices and labels.context(sid, st.id) == st.id]
    assert not bare
