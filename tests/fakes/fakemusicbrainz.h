#pragma once

#include "fakeserver.h"

#include <QByteArray>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace aime::fakes {

struct FakeMusicBrainzOptions
{
    int albumCount = 100; // release groups; clamped to 10..100,000
    // MusicBrainz' real limit, enforced by the FakeServer: more than one request in any second
    // gets 503 with MusicBrainz' JSON body. Tests that do not test the pace turn it off.
    bool strictRate = true;
};

// A fake MusicBrainz web service v2 (PROVIDERS.md section 3) on a real local HTTP server. It
// serves a generated catalogue that is the same for the same album count on every run: one
// release group per album, each with one to three releases. MBIDs are lowercase UUIDs computed
// from the album's index (releaseGroupId(), releaseId()), and the fake reads the index back out
// of them, so no table of ids is kept. FakeCoverArt serves the covers of the same releases.
//
// Routes (GET; HEAD answers the same without a body; other methods 405):
//   /ws/2/release-group?query=<lucene>&limit=&offset=   search, as 3.3
//   /ws/2/release/{mbid}?inc=...                        lookup, as 3.4
//   /ws/2/release-group/{mbid}?inc=releases+...         a group and its releases
// Every request needs a User-Agent that names an application (a missing or generic one gets 403)
// and asks for JSON with fmt=json or, without fmt, "Accept: application/json" (else 406: the
// fake speaks no XML). Limits, latency and faults are set on server(), which also records what
// clients did.
class FakeMusicBrainz
{
public:
    explicit FakeMusicBrainz(FakeMusicBrainzOptions options = {});
    FakeMusicBrainz(const FakeMusicBrainz &) = delete;
    FakeMusicBrainz &operator=(const FakeMusicBrainz &) = delete;

    bool listen(quint16 port = 0) { return m_server.listen(port); }
    QUrl baseUrl() const { return m_server.baseUrl(); }
    // baseUrl() + "/ws/2", what MusicBrainzClient takes as its API URL.
    QUrl apiUrl() const;
    FakeServer &server() { return m_server; }

    int albumCount() const { return int(m_albums.size()); }
    // The album's title and its artist credit as MusicBrainzParser reads it ("A & B").
    QString title(int index) const;
    QString artistCredit(int index) const;

    // The body GET /ws/2/release/{mbid}?inc=... answers; empty for an MBID not in the catalogue.
    QByteArray releaseBody(const QString &mbid, const QStringList &inc) const;

    // The catalogue's facts that depend on nothing but the index, shared with FakeCoverArt.
    // MBIDs: `index` 0..count-1, `release` 0..releaseCount(index)-1.
    static QString releaseGroupId(int index);
    static QString releaseId(int index, int release);
    static int releaseCount(int index); // 1..3
    // Whether the release has a front (about 9 in 10) and a back cover. A release without a front
    // has no art at all: cover-art-archive.artwork false, and the Cover Art Archive answers 404.
    static bool hasFrontCover(int index, int release);
    static bool hasBackCover(int index, int release);

    // What an MBID names in a catalogue of `albumCount` albums (clamped as the constructor
    // does); nullopt when it is not a UUID of this catalogue's kind or is beyond the count.
    struct ReleaseRef
    {
        int index = 0;
        int release = 0;
    };
    static std::optional<ReleaseRef> findRelease(const QString &mbid, int albumCount);
    static std::optional<int> findReleaseGroup(const QString &mbid, int albumCount);
    // A UUID in its 8-4-4-4-12 form, any case, and not the nil UUID: what MusicBrainz and the
    // Cover Art Archive accept as an MBID before looking it up.
    static bool isMbid(const QString &text);
    static int clampedAlbumCount(int albumCount);

    static constexpr int MinAlbums = 10;
    static constexpr int MaxAlbums = 100'000;
    static constexpr int DefaultLimit = 25;
    static constexpr int MaxLimit = 100;
    // What MusicBrainz answers with its 503 (fixture error-rate-limited.json).
    static QByteArray rateLimitedBody();

private:
    // What the generator decides for one release group; the JSON is built from it on demand.
    struct Album
    {
        quint64 seed = 0;
        QStringList artists; // names as credited
        QStringList joins; // join phrase after each artist ("" after the last)
        QString title;
        QString firstReleaseDate; // "1987-05-12", "1987-05", "1987" or ""
        QString primaryType; // "Album", "EP", "Single" or "" (none)
        QStringList secondaryTypes;
        QStringList artistWords; // normalised search words, see words() in the .cpp
        QStringList titleWords;
    };

    FakeResponse handle(const QHttpServerRequest &request) const;
    FakeResponse search(const QHttpServerRequest &request) const;
    FakeResponse lookupRelease(const QString &mbid, const QString &inc) const;
    FakeResponse lookupReleaseGroup(const QString &mbid, const QString &inc) const;

    QJsonObject releaseGroupObject(int index) const;
    QJsonObject releaseSummary(int index, int release) const;
    QJsonObject releaseObject(int index, int release, const QStringList &inc) const;
    QJsonArray artistCreditArray(int index, bool full) const;

    static Album generate(int index);

    FakeMusicBrainzOptions m_options;
    FakeServer m_server;
    QList<Album> m_albums;
};

} // namespace aime::fakes
