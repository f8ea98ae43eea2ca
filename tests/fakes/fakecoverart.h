#pragma once

#include "fakemusicbrainz.h"
#include "fakeserver.h"

#include <QByteArray>
#include <QCache>
#include <QColor>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace aime::fakes {

struct FakeCoverArtOptions
{
    // The catalogue of the FakeMusicBrainz with the same album count (clamped the same way):
    // the same release MBIDs, and a front cover exactly where its releases say front=true.
    int albumCount = 100;
};

// A fake Cover Art Archive (PROVIDERS.md section 3.5) on a real local HTTP server, with the
// redirect chain of the real one: the archive answers 307 to archive.org's download address,
// which answers 302 to the file, which is a small JPEG (a solid colour derived from the MBID) of
// the size asked for: 250, 500 or 1200 px square; the full image is 1200 px.
//
// Routes (GET and HEAD; other methods 405):
//   /release/{mbid}                         JSON index: image ids are numbers, URLs http:// to
//                                           this fake; 400 not a UUID, 404 no such release or
//                                           no art (the ~1 in 10 without a front cover)
//   /release/{mbid}/front[-250|-500|-1200]  307 to the image; 404 when there is none
//   /release/{mbid}/back[-250|-500|-1200]   (only about 1 release in 3 has a back)
//   /release/{mbid}/{id}[-250|-500|-1200]   an image by id, optionally with ".jpg" (the index's
//                                           own image and thumbnail URLs)
//   /release-group/{mbid}[/front[-size]]    the index or front of its first release with a front
//   /download/mbid-{mbid}/mbid-{mbid}-{id}[_thumb250|_thumb500|_thumb1200].jpg   302 to /files
//   /files/mbid-{mbid}/<the same name>      200 image/jpeg
class FakeCoverArt
{
public:
    explicit FakeCoverArt(FakeCoverArtOptions options = {});
    FakeCoverArt(const FakeCoverArt &) = delete;
    FakeCoverArt &operator=(const FakeCoverArt &) = delete;

    bool listen(quint16 port = 0) { return m_server.listen(port); }
    QUrl baseUrl() const { return m_server.baseUrl(); }
    FakeServer &server() { return m_server; }

    int albumCount() const { return m_albumCount; }
    // Bytes of JPEG bodies answered to GET requests, and how many.
    qint64 imageBytesServed() const { return m_imageBytesServed; }
    int imagesServed() const { return m_imagesServed; }

    // The archive's id of a release's front or back image (an 11-digit number, as real ones).
    static qint64 imageId(int index, int release, bool back);
    // The colour of a release's image: front and back differ.
    static QColor colourOf(const QString &releaseMbid, bool back);
    // The JPEG served for an image at `size` px (250, 500 or 1200); empty when it cannot be
    // encoded. Encoded once, then cached.
    QByteArray jpeg(const QString &releaseMbid, bool back, int size);

private:
    struct Image
    {
        QString mbid; // lowercase
        qint64 id = 0;
        bool back = false;
    };

    FakeResponse handle(const QHttpServerRequest &request);
    FakeResponse route(const QHttpServerRequest &request);
    FakeResponse index(const QString &mbid, const QHttpServerRequest &request) const;
    FakeResponse groupIndex(const QString &mbid, const QHttpServerRequest &request) const;
    FakeResponse redirectToImage(const QString &mbid, const QString &item) const;
    FakeResponse groupFront(const QString &mbid, const QString &item) const;
    FakeResponse download(const QString &folder, const QString &file) const;
    FakeResponse file(const QString &folder, const QString &file);

    QJsonObject indexObject(int index, int release) const;
    QString imageUrl(const QString &mbid, qint64 id, int size) const;
    QString downloadName(const Image &image, int size) const;
    // The release's front or back image; nullopt when it has none.
    static std::optional<Image> imageOf(int index, int release, bool back);
    std::optional<Image> imageById(const QString &mbid, qint64 id) const;
    // The first release of a group that has a front cover.
    std::optional<FakeMusicBrainz::ReleaseRef> groupCover(const QString &groupMbid) const;

    int m_albumCount;
    FakeServer m_server;
    QCache<QString, QByteArray> m_jpegs;
    qint64 m_imageBytesServed = 0;
    int m_imagesServed = 0;
};

} // namespace aime::fakes
