"""Speaking for the person: phrases, the history of what was said, the keyboard and its word
predictions (pure logic, no Textual)."""
