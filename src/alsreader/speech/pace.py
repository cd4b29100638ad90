"""The speaking rates every engine accepts, and how far one Faster / Slower press goes.

Declared here once: the settings (``voice.rate``), the synthesizer (which clamps every
voice to these bounds) and the reader's Faster / Slower all use these numbers.
"""

from __future__ import annotations

SLOWEST_RATE = 80
"""Words per minute; espeak-ng is not understandable much below this."""
FASTEST_RATE = 450
"""Words per minute; espeak-ng's own upper limit."""
USUAL_RATE = 175
"""espeak-ng's usual rate, the default."""
RATE_STEP = 15
"""Words per minute one Faster / Slower press (or one settings step) changes the pace by."""
