#pragma once

#include "fakeserver.h"

#include <QByteArray>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <algorithm>

namespace aime::fakes {

struct FakeDiscogsOptions
{
    int albumCount = 100; // clamped to 10..100,000
    QString username = QStringLiteral("collector");
    QString token = QStringLiteral("fake-token");
    // The first N releases are owned twice: two instances of each in the collection, listed
    // after the others, as Discogs lists a release someone has two copies of.
    int ownedTwice = 0;
};

// A fake Discogs API v2 (PROVIDERS.md section 2) on a real local HTTP server. It serves a
// generated catalogue that is the same for the same album count on every run: release ids
// 1000..1000+count-1, all of them in the collection of one user (folder 0, "All").
//
// Routes (GET): /oauth/identity, /releases/{id}, /users/{name}/collection/folders/0/releases,
// /database/search. Auth is `Authorization: Discogs token=<token>` (or `?token=`). Every answer
// the fake itself gives carries the X-Discogs-Ratelimit headers; answers the FakeServer gives
// instead (its strict 429, injected faults) do not. Limits, latency and faults are set on
// server(), which also records what clients did.
class FakeDiscogs
{
public:
    explicit FakeDiscogs(FakeDiscogsOptions options = {});
    FakeDiscogs(const FakeDiscogs &) = delete;
    FakeDiscogs &operator=(const FakeDiscogs &) = delete;

    bool listen(quint16 port = 0) { return m_server.listen(port); }
    QUrl baseUrl() const { return m_server.baseUrl(); }
    FakeServer &server() { return m_server; }

    int albumCount() const { return int(m_albums.size()); }
    // Instances in the collection: the releases, and their second copies.
    int instanceCount() const
    {
        return albumCount() + std::clamp(m_options.ownedTwice, 0, albumCount());
    }
    QString username() const { return m_options.username; }
    QString token() const { return m_options.token; }
    // A new token: the old one is refused from now on (a token revoked on discogs.com).
    void setToken(const QString &token) { m_options.token = token; }
    static qint64 releaseId(int index) { return FirstReleaseId + index; }

    // The body GET /releases/{id} answers; empty for an unknown id. Images are only in the body
    // an authenticated request gets, as on Discogs.
    QByteArray releaseBody(qint64 id, bool authenticated = true) const;

    static constexpr qint64 FirstReleaseId = 1000;
    static constexpr int AuthenticatedLimit = 60;
    static constexpr int AnonymousLimit = 25;

private:
    enum class Auth { None, Valid, Invalid };

    // What the generator decides for one album; the JSON is built from it on demand, so a
    // catalogue of 100,000 albums stays small.
    struct Album
    {
        quint64 seed = 0;
        QStringList artists; // Discogs spelling, "(2)" suffixes included
        QStringList joins; // join text after each artist but the last
        QString title;
        int year = 0; // 0: unknown
        QString released; // "1987-05-12", "1987-05-00", "1987" or empty
        QString country;
        QString label;
        qint64 labelId = 0;
        QString catno;
        bool vinyl = true;
        int quantity = 1;
        QStringList descriptions;
        QStringList genres;
        QStringList styles;
        QString barcode; // empty for the few without one
        int trackCount = 0;
        qint64 masterId = 0; // 0: none
        QString searchText; // lower case: "artist - title", label, catno, barcode
    };

    FakeResponse handle(const QHttpServerRequest &request);
    FakeResponse route(const QHttpServerRequest &request, Auth auth);
    FakeResponse identity(Auth auth) const;
    FakeResponse profile(const QString &user) const;
    FakeResponse folders(const QString &user, const QString &folder, Auth auth) const;
    FakeResponse release(qint64 id, Auth auth) const;
    FakeResponse image(const QString &name, Auth auth) const;
    FakeResponse collection(const QString &user, const QHttpServerRequest &request,
                            Auth auth) const;
    FakeResponse search(const QHttpServerRequest &request, Auth auth) const;
    Auth authOf(const QHttpServerRequest &request) const;
    void addRateLimitHeaders(FakeResponse *response, Auth auth) const;

    const Album *albumById(qint64 id) const;
    QJsonObject releaseObject(int index, bool authenticated) const;
    QJsonObject basicInformation(int index) const;
    QJsonObject searchResult(int index) const;
    QString url(const QString &path) const;
    QString imageUrl(qint64 id, const QString &kind) const;

    static Album generate(int index);
    static QString artistCredit(const Album &album);

    FakeDiscogsOptions m_options;
    FakeServer m_server;
    QList<Album> m_albums;
};

} // namespace aime::fakes
