#!/usr/bin/python3
"""Checks that FakeDiscogs speaks real Discogs: Debian's python3-discogs-client, a client
written against the real API, logs in with the fake token and iterates the whole collection.

Usage: discogs_python_client.py PATH-TO-aime-fake-providers
"""
import subprocess
import sys

import discogs_client

ALBUMS = 250


def main():
    fake = subprocess.Popen([sys.argv[1], "--albums", str(ALBUMS)], stdout=subprocess.PIPE, text=True)
    try:
        env = {}
        for line in fake.stdout:
            line = line.strip()
            if line == "READY":
                break
            key, _, value = line.partition("=")
            env[key] = value
        client = discogs_client.Client("AIME-fake-check/1.0", user_token=env["AIME_DISCOGS_TOKEN"])
        client._base_url = env["AIME_DISCOGS_API_URL"]  # the library has no public setting for it

        me = client.identity()
        assert me.username == env["AIME_DISCOGS_USER"], me.username
        user = client.user(env["AIME_DISCOGS_USER"])
        ids = [item.release.id for item in user.collection_folders[0].releases]
        assert len(ids) == ALBUMS, f"iterated {len(ids)} items, expected {ALBUMS}"
        assert len(set(ids)) == ALBUMS, "an item came twice"
        release = client.release(ids[0])
        assert release.title and release.tracklist, "release without title or tracks"
        found = client.search(release.artists[0].name.split()[0], type="release")
        assert found.count > 0, "search found nothing for an artist in the collection"
        print(f"python3-discogs-client: identity, {len(ids)} collection items, release "
              f"{release.id} with {len(release.tracklist)} tracks, search {found.count} results")
        return 0
    finally:
        fake.terminate()
        fake.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
