#!/usr/bin/python3
"""A screen reader's path through the workbench, over AT-SPI (what Orca uses on Linux).

The real app runs under Xvfb on the xcb platform with Qt's AT-SPI bridge, against the
simulator. Through the accessibility bus only, as a screen reader user would, this test:
  1. finds the workflow list by its accessible name and moves through it with the arrow
     keys until the focused item is "sd_txt2img" (the keys go to the X server: XTEST);
  2. finds the positive prompt's text field (node 6) by name and writes a prompt into it;
  3. presses the "Queue" button through its AT-SPI action;
  4. hears the outcome: the status bar's accessible name changes to "... finished: 1 image."
     (the event a screen reader speaks).
Then it checks, with ComfyUI's own /history, that the prompt that ran carries that text.

Run by CTest through dbus-run-session (a private session bus for the accessibility bus):
  dbus-run-session -- /usr/bin/python3 atspi_workbench.py APP SIM WORKFLOWS_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import GLib  # noqa: E402
import pyatspi  # noqa: E402

PROMPT = "a lighthouse at dusk, 灯塔, oil on canvas"
TIMEOUT_S = 60


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def wait_for(what, check, timeout=TIMEOUT_S, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(step)
    fail("timed out waiting for " + what)


def start_xvfb():
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                             "1400x900x24", "-nolisten", "tcp"], pass_fds=[write_end])
    os.close(write_end)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read_end, 16)
        if not chunk:
            fail("Xvfb did not start")
        number += chunk
    os.close(read_end)
    return xvfb, ":" + number.decode().strip()


def start_simulator(sim, data_dir):
    process = subprocess.Popen([sim, "--port", "0", "--data-dir", data_dir, "--step-ms", "20"],
                               stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        at = line.find("http://")
        if at >= 0:
            return process, line[at:].split()[0].rstrip("/")
    fail("the simulator did not say where it listens")


def find(root, predicate, depth=0):
    """The first accessible under root (depth first) for which predicate holds."""
    if root is None or depth > 30:
        return None
    try:
        if predicate(root):
            return root
        children = list(root)
    except Exception:  # an object gone while walking: not this one
        return None
    for child in children:
        found = find(child, predicate, depth + 1)
        if found is not None:
            return found
    return None


def named(role, name):
    return lambda o: o.getRoleName() == role and o.name == name


def state_of(obj, state):
    return obj.getState().contains(state)


def press(key_name):
    keyval = {"Home": 0xFF50, "Down": 0xFF54, "Tab": 0xFF09}[key_name]
    pyatspi.Registry.generateKeyboardEvent(keyval, None, pyatspi.KEY_SYM)


def click(obj):
    extents = obj.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(extents.x + extents.width // 2,
                                        extents.y + extents.height // 2, "b1c")


def main():
    app_path, sim_path, workflows_src = sys.argv[1:4]
    work = tempfile.mkdtemp(prefix="comfydesk-atspi-")
    processes = []
    try:
        xvfb, display = start_xvfb()
        processes.append(xvfb)
        # The accessibility bus and its registry (which makes the key and mouse events,
        # through XTEST) must know the display.
        os.environ["DISPLAY"] = display
        bus = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"])
        processes.append(bus)
        sim, url = start_simulator(sim_path, os.path.join(work, "sim"))
        processes.append(sim)
        workflows = os.path.join(work, "workflows")
        shutil.copytree(workflows_src, workflows)
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                   XDG_CONFIG_HOME=os.path.join(work, "config"),
                   XDG_DATA_HOME=os.path.join(work, "data"),
                   XDG_CACHE_HOME=os.path.join(work, "cache"))
        app = subprocess.Popen([app_path, "--comfy-url", url, "--workflows", workflows,
                                "--lang", "en"], env=env)
        processes.append(app)

        desktop = pyatspi.Registry.getDesktop(0)
        window = wait_for("ComfyDesk on the accessibility bus", lambda: find(
            desktop, lambda o: o.getRoleName() == "frame" and o.name.startswith("ComfyDesk"),
            depth=28))
        print("found the window:", window.name, flush=True)

        # 1. The workflow list, reached with Tab from its filter box and walked with the
        # arrow keys. (The filter is clicked once: Xvfb has no window manager to give the
        # new window the keyboard.)
        workflow_list = wait_for("the workflow list", lambda: find(
            window, named("list", "Workflow list")))
        wait_for("the workflows listed", lambda: workflow_list.childCount >= 4)
        click(find(window, named("text", "Filter workflows")))
        wait_for("the window active", lambda: state_of(window, pyatspi.STATE_ACTIVE),
                 timeout=10)
        press("Tab")
        wait_for("the focus on the workflow list (Tab from the filter)", lambda: state_of(
            workflow_list, pyatspi.STATE_FOCUSED), timeout=10)
        press("Home")
        for _ in range(workflow_list.childCount + 1):
            item = find(workflow_list, lambda o: o.getRoleName() == "list item"
                        and state_of(o, pyatspi.STATE_FOCUSED))
            if item is not None and item.name == "sd_txt2img":
                break
            press("Down")
            time.sleep(0.3)
        else:
            fail("the arrow keys never reached sd_txt2img")
        print("picked sd_txt2img with the arrow keys", flush=True)

        # 2. The positive prompt: node 6's "text", found by the names a reader speaks.
        node = wait_for("node 6 in the form", lambda: find(
            window, lambda o: o.getRoleName() == "panel" and o.name.startswith("Node 6:")))
        field = wait_for("its text field", lambda: find(node, named("text", "text")))
        if not field.queryEditableText().setTextContents(PROMPT):
            fail("the prompt field refused the text")
        text = field.queryText()
        written = wait_for("the prompt written", lambda: text.getText(0, -1) == PROMPT)
        print("wrote the prompt:", written, flush=True)

        # 3. + 4. Queue, then hear the outcome.
        heard = []

        def on_name(event):
            if event.source.getRoleName() == "status bar":
                heard.append(event.source.name)
        pyatspi.Registry.registerEventListener(on_name, "object:property-change:accessible-name")
        queue = find(window, named("push button", "Queue"))
        if queue is None:
            fail("no Queue button")
        action = queue.queryAction()
        press_index = [action.getName(i) for i in range(action.nActions)].index("Press")
        action.doAction(press_index)

        loop = GLib.MainLoop()

        def check():
            if any("finished" in text for text in heard):
                loop.quit()
                return False
            return True
        GLib.timeout_add(100, check)
        GLib.timeout_add_seconds(TIMEOUT_S, loop.quit)
        loop.run()
        print("heard:", heard, flush=True)
        # Each said once (a reader speaks every name change), in proper English.
        expected = ["Queued “sd_txt2img” (1 run).", "“sd_txt2img” finished: 1 image."]
        if heard != expected:
            fail("heard %r, expected %r" % (heard, expected))

        # What ran is what the screen reader wrote.
        with urllib.request.urlopen(url + "/history") as reply:
            history = json.load(reply)
        texts = [entry["prompt"][2]["6"]["inputs"]["text"] for entry in history.values()]
        if texts != [PROMPT]:
            fail("ComfyUI ran %r, not the prompt written" % texts)
        print("PASS: picked, wrote, queued and heard it finish through AT-SPI", flush=True)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
