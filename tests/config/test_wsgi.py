"""The production entry point: start-up objects, with the templates and reference lists
the first requests would build, are frozen out of the garbage collector, and young
objects collected less often (config/startup.py)."""

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import gc
import maillage.config.wsgi
from django.template import engines
from maillage.core import reference
loader = engines["django"].engine.template_loaders[0]
print(len(loader.get_template_cache), reference.departements.cache_info().currsize)
print(gc.get_freeze_count(), gc.get_threshold()[0])
"""


def test_the_wsgi_application_loads_every_view_then_freezes_what_start_up_built():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "maillage.config.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    lines = result.stdout.strip().splitlines()
    frozen, young = map(int, lines[-1].split())
    templates, departements = map(int, lines[-2].split())
    # Modules, models, URL patterns: tens of thousands of objects a full collection skips.
    assert frozen > 50_000
    # Young objects collected every 10,000 allocations, not Python's 700.
    assert young == 10_000
    # What the first requests would have built and kept, built before the freeze: every
    # template of the apps compiled, the reference lists read.
    assert templates > 150
    assert departements == 1


# What both scripts below start with: a server process, the request signals, and a
# request served by another thread of the worker until it is let finish.
SERVER = """
import gc, sys, threading
import maillage.config.wsgi
from django.core.signals import request_finished, request_started
from maillage.config.startup import after_response
started, may_finish = threading.Event(), threading.Event()
def other_request():  # served by another thread of the worker
    request_started.send(sender=None)
    started.set()
    may_finish.wait()
    request_finished.send(sender=None)
"""

REFREEZE = (
    SERVER
    + """
collections = []
gc.callbacks.append(
    lambda phase, info: phase == "start" and info["generation"] == 2 and collections.append(info)
)
def full_due():
    junk = []
    while gc.get_count()[2] < 10:
        junk.append([[] for _ in range(1000)])
frozen = gc.get_freeze_count()
request_started.send(sender=None)  # a request, nothing new imported before it
print(len(collections), gc.get_freeze_count() == frozen)
assert "wave" not in sys.modules
import wave  # the request's first use of a library
other = threading.Thread(target=other_request)
other.start()  # another thread's request starts while this one is served
started.wait()
print(len(collections))
request_finished.send(sender=None)
may_finish.set()
other.join()
request_started.send(sender=None)  # the next one, alone
print(len(collections), gc.get_freeze_count() > frozen)
request_finished.send(sender=None)
print(gc.get_threshold()[2])
# A server that never runs the after-response step: the due full collection when a
# request starts alone, as before it existed.
full_due()
full = len(collections)
request_started.send(sender=None)
print(len(collections) - full)
request_finished.send(sender=None)
after_response()  # the server runs it: from now on, full collections are left to it
full_due()
full = len(collections)
request_started.send(sender=None)
print(len(collections) - full)
request_finished.send(sender=None)
after_response()  # its response sent, no other request served: the full one is due
print(len(collections) - full, gc.get_count()[2])
"""
)


def test_what_a_request_imported_is_frozen_before_the_next_one_alone():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "maillage.config.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", REFREEZE], env=env, capture_output=True, text=True, check=True
    )
    lines = result.stdout.strip().splitlines()[-7:]
    before, meanwhile, after, threshold, without_hook, started, due = lines
    # Nothing new imported: no collection when a request starts.
    assert before == "0 True"
    # A module imported, but another thread's request still being served: not yet.
    assert meanwhile == "0"
    # The next request alone: one full collection, then what the module built is out
    # of the collector's sight.
    assert after == "1 True"
    assert threshold == "100"
    # A server without the after-response step: the due full collection at the start.
    assert without_hook == "1"
    # With it, full collections are left to it, once responses are sent: none when a
    # request starts, one after its response once due.
    assert started == "0"
    assert due == "1 0"


AFTER = (
    SERVER
    + """
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))
gc.collect()
def served():
    # A request that leaves cyclic garbage, its response sent.
    request_started.send(sender=None)
    garbage = []
    while gc.get_count()[1] < 1:
        pair = [[], []]
        pair[0].append(pair)
        garbage.append(pair)
    del garbage
    request_finished.send(sender=None)
    before = len(collections)
    after_response()
    return collections[before:]
other = threading.Thread(target=other_request)
other.start()
started.wait()
print(served())  # while another thread serves a request
may_finish.set()
other.join()
print(served())  # alone
print(gc.get_count()[1])
request_started.send(sender=None)  # a request whose end is never signalled (this thread)
print(served())  # this thread's next one: its own leftover count does not hold it back
"""
)


def test_a_served_requests_garbage_is_collected_once_its_response_is_sent_when_alone():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "maillage.config.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", AFTER], env=env, capture_output=True, text=True, check=True
    )
    alongside, alone, middle, leftover = result.stdout.strip().splitlines()[-4:]
    # Another request still served: nothing, it would walk (and pause) that one.
    assert alongside == "[]"
    # Alone: the middle generation's collection, which frees the request's cycles.
    assert alone == "[1]"
    assert middle == "0"
    assert leftover == "[1]"


def test_gunicorn_reads_the_hook_from_the_config_maillage_serve_gives_it():
    from maillage.core.management.commands import serve

    assert "python:maillage.config.gunicorn" in Path(serve.__file__).read_text()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "maillage.config.settings_test"}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    printed = subprocess.run(
        [str(gunicorn), "--config", "python:maillage.config.gunicorn", "--print-config",
         "maillage.config.wsgi"],
        env=env, capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    # gunicorn's own hook is `PostRequest.post_request`, which does nothing.
    hook = [line for line in printed.splitlines() if line.startswith("post_request ")]
    assert hook and hook[0].split("=", 1)[1].strip() == "<post_request()>", hook
