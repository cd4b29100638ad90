"""Speaking for the person: the scanning keyboard and word prediction (no Textual here).

- :mod:`alsreader.talk.keyboard`: the fixed letter layout, what each key does to the text
  being typed, and the keyboard's scan targets in scan order.
- :mod:`alsreader.talk.predictor`: completions of the word being typed and next words after a
  space, from a general English word list and what this person has said (learned locally).
- :mod:`alsreader.talk.phrases`: the instant phrases and categories of phrases the caregiver
  keeps in ``phrases.yaml`` (a starter set ships with alsreader), checked like the settings.
- :mod:`alsreader.talk.history`: the last things said, kept on this computer, to say again.

The Talk screen (``alsreader.ui``) puts these on screen; ``bench/bench_keyboard.py`` measures
them with the same scan targets.
"""
