"""A setting is declared once: one new field in the declaration, and nothing else edited,
gives the setting in the dataclass, the checks of a file and of a save, ``config init`` and a
row on the settings screen.

Tried for real: the package is copied, ONE line is added to the copy's
``config/declaration.py``, and a script run on that copy (the real modules, the real app on
the silent player, a real settings file) reports what it found.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import alsreader

DECLARED_AFTER = 'help="Colours (high-contrast is easiest to read).", label="Colours")\n'
NEW_SETTING = (
    '    text_size: int = number(3, low=1, high=9, unit="steps", help="How large the text is.",'
    ' label="Text size", step=1)\n'
)

SCRIPT = r'''
import asyncio, dataclasses, json, sys
from pathlib import Path

import alsreader
from alsreader.config import (Settings, SettingsSaveError, default_config_text, load_settings,
                              parse_settings, save_settings_values)
from alsreader.ui.app import make_app
from alsreader.ui.screens.confirm_settings import ConfirmSettingsScreen
from alsreader.ui.screens.settings import SettingsScreen
from alsreader.ui.widgets.stepper import Stepper

home, config = Path(sys.argv[1]), Path(sys.argv[2])
found = {"package": alsreader.__file__}
found["fields"] = [f.name for f in dataclasses.fields(Settings().display)]
found["default"] = Settings().display.text_size
loaded = parse_settings("display:\n  text_size: 12\n")
found["out_of_range"] = [str(p) for p in loaded.problems]
found["after_bad"] = loaded.settings.display.text_size
found["read"] = parse_settings("display:\n  text_size: 5\n").settings.display.text_size
found["init"] = default_config_text()
config.write_text(default_config_text(), encoding="utf-8")
try:
    save_settings_values(config, {"display.text_size": 10})
    found["save_refused"] = ""
except SettingsSaveError as error:
    found["save_refused"] = str(error)


async def screen() -> None:
    app = make_app(config_path=config, player="silent")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        for _ in range(100):
            if isinstance(app.screen, ConfirmSettingsScreen):
                await pilot.press(*app.screen.code)
            if isinstance(app.screen, SettingsScreen):
                break
            await pilot.pause(0.05)
        settings_screen = app.screen
        assert isinstance(settings_screen, SettingsScreen)
        row = settings_screen.stepper("display.text_size")
        found["row"] = [row.label, row.value]
        found["rows"] = [stepper.setting for stepper in settings_screen.query(Stepper)]
        row.focus()
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        found["stepped"] = row.value
        await pilot.press("escape")  # leaving saves what is pending
        await pilot.pause()
    found["saved"] = load_settings(config).settings.display.text_size


asyncio.run(screen())
print(json.dumps(found))
'''


def test_one_new_field_appears_everywhere(tmp_path: Path) -> None:
    source = Path(alsreader.__file__).parent
    copy = tmp_path / "src" / "alsreader"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    declaration = copy / "config" / "declaration.py"
    text = declaration.read_text(encoding="utf-8")
    assert text.count(DECLARED_AFTER) == 1
    declaration.write_text(text.replace(DECLARED_AFTER, DECLARED_AFTER + NEW_SETTING),
                           encoding="utf-8")

    home = tmp_path / "home"
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "src"), ALSREADER_HOME=str(home))
    env.pop("ALSREADER_CONFIG", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(home), str(tmp_path / "config.yaml")],
        capture_output=True, text=True, timeout=120, env=env, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])

    assert found["package"].startswith(str(copy))  # the edited copy ran, not this checkout
    assert found["fields"] == ["theme", "text_size"]
    assert found["default"] == 3
    assert found["out_of_range"] == [
        "settings:2:14: display.text_size: 12 is out of range; allowed 1 to 9 steps"]
    assert found["after_bad"] == 3
    assert found["read"] == 5
    assert "  # How large the text is. Allowed 1 to 9 steps.\n  text_size: 3\n" in found["init"]
    assert found["save_refused"] == (
        "display.text_size: 10 is out of range; allowed 1 to 9 steps")
    assert found["row"] == ["Text size", 3]
    theme = found["rows"].index("display.theme")
    assert found["rows"][theme:theme + 2] == ["display.theme", "display.text_size"]  # in order
    assert found["stepped"] == 4
    assert found["saved"] == 4
