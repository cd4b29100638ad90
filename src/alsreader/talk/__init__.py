"""Speaking for the person: the scanning keyboard and word prediction (no Textual here).

- :mod:`alsreader.talk.keyboard`: the fixed letter layout, what each key does to the text
  being typed, and the keyboard's scan targets in scan order.
- :mod:`alsreader.talk.predictor`: completions of the word being typed and next words after a
  space, from a general English word list and what this person has said (learned locally).

The Talk screen (``alsreader.ui``) puts these on screen; ``bench/bench_keyboard.py`` measures
them with the same scan targets.
"""
