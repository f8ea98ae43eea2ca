#include "fakecoverart.h"

#include "fakedice.h"
#include "fakeimage.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace aime::fakes {

namespace {

constexpr int FullSize = 1200; // the "original" image is as large as the largest thumbnail
constexpr qsizetype JpegCacheBytes = 64 * 1024 * 1024;

FakeResponse plain(int status, const QString &message)
{
    FakeResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    response.body = message.toUtf8();
    return response;
}

// No body: when Qt 6.4's QNetworkAccessManager follows a redirect to the same host it can read
// the next answer on a connection that still holds the redirect's body, and merge the two (seen
// as "Content-Type: text/plain, image/jpeg"). The real chain crosses hosts.
FakeResponse redirect(int status, const QString &location)
{
    FakeResponse response;
    response.status = status;
    response.headers = {{"Location", location.toUtf8()}};
    return response;
}

FakeResponse noSuchRelease(const QString &mbid)
{
    return plain(404, QLatin1String("No cover art found for release ") + mbid);
}

FakeResponse invalidMbid(const QString &mbid)
{
    return plain(400, mbid + QLatin1String(" is not a valid MBID"));
}

// "front", "back-500", "34782911204-250.jpg", "front-small": which image and what size (0: the
// full image); nullopt when the name is none of those.
struct Item
{
    QString which; // "front", "back" or the image id
    int size = 0;
};

std::optional<Item> parseItem(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(front|back|\\d{1,18})(?:-(250|500|1200|small|large))?"
                       "(?:\\.(?:jpe?g|png|gif))?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(name);
    if (!match.hasMatch())
        return std::nullopt;
    const QString size = match.captured(2).toLower();
    Item item {match.captured(1).toLower(), 0};
    if (size == u"small")
        item.size = 250;
    else if (size == u"large")
        item.size = 500;
    else if (!size.isEmpty())
        item.size = size.toInt();
    return item;
}

bool acceptsJson(const QHttpServerRequest &request)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare("Accept", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray accept = value.trimmed().toLower();
        return accept.isEmpty() || accept.contains("json") || accept.contains("*/*")
            || accept.contains("application/*");
    }
    return true; // no Accept header: anything goes
}

} // namespace

FakeCoverArt::FakeCoverArt(FakeCoverArtOptions options)
    : m_albumCount(FakeMusicBrainz::clampedAlbumCount(options.albumCount)), m_jpegs(JpegCacheBytes)
{
    m_server.setHandler([this](const QHttpServerRequest &request) { return handle(request); });
}

qint64 FakeCoverArt::imageId(int index, int release, bool back)
{
    const quint64 hash = Dice::hash(FakeMusicBrainz::releaseId(index, release));
    const qint64 front = 10'000'000'000 + qint64(hash % 80'000'000'000);
    return back ? front + 1 + qint64((hash >> 40) % 997) : front;
}

QColor FakeCoverArt::colourOf(const QString &releaseMbid, bool back)
{
    const quint64 hash = Dice::hash(releaseMbid.toLower());
    const int hue = int(hash % 360);
    const int saturation = 110 + int((hash >> 16) % 120);
    const int value = 120 + int((hash >> 32) % 110);
    return back ? QColor::fromHsv((hue + 180) % 360, saturation / 2, value)
                : QColor::fromHsv(hue, saturation, value);
}

QByteArray FakeCoverArt::jpeg(const QString &releaseMbid, bool back, int size)
{
    return FakeImage::jpeg(colourOf(releaseMbid, back), size);
}

FakeResponse FakeCoverArt::handle(const QHttpServerRequest &request)
{
    const bool head = request.method() == QHttpServerRequest::Method::Head;
    if (request.method() != QHttpServerRequest::Method::Get && !head) {
        FakeResponse response = plain(405, QStringLiteral("Method not allowed"));
        response.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET, HEAD")));
        return response;
    }
    FakeResponse response = route(request);
    if (head) {
        response.body.clear();
    } else if (response.status == 200 && request.url().path().startsWith(u"/files/")) {
        m_imageBytesServed += response.body.size();
        ++m_imagesServed;
    }
    return response;
}

FakeResponse FakeCoverArt::route(const QHttpServerRequest &request)
{
    const QStringList parts = request.url().path().split(u'/', Qt::SkipEmptyParts);
    const QString kind = parts.value(0);
    if ((kind == u"release" || kind == u"release-group") && parts.size() >= 2
        && !FakeMusicBrainz::isMbid(parts.at(1)))
        return invalidMbid(parts.at(1));
    if (kind == u"release" && parts.size() == 2)
        return index(parts.at(1), request);
    if (kind == u"release" && parts.size() == 3)
        return redirectToImage(parts.at(1), parts.at(2));
    if (kind == u"release-group" && parts.size() == 2)
        return groupIndex(parts.at(1), request);
    if (kind == u"release-group" && parts.size() == 3)
        return groupFront(parts.at(1), parts.at(2));
    if (kind == u"download" && parts.size() == 3)
        return download(parts.at(1), parts.at(2));
    if (kind == u"files" && parts.size() == 3)
        return file(parts.at(1), parts.at(2));
    return plain(404, QStringLiteral("Not Found"));
}

FakeResponse FakeCoverArt::index(const QString &mbid, const QHttpServerRequest &request) const
{
    const std::optional<FakeMusicBrainz::ReleaseRef> ref
        = FakeMusicBrainz::findRelease(mbid, m_albumCount);
    if (!ref || !FakeMusicBrainz::hasFrontCover(ref->index, ref->release))
        return noSuchRelease(mbid);
    if (!acceptsJson(request))
        return plain(406, QStringLiteral("Not Acceptable"));
    FakeResponse response;
    response.body
        = QJsonDocument(indexObject(ref->index, ref->release)).toJson(QJsonDocument::Compact);
    return response;
}

FakeResponse FakeCoverArt::groupIndex(const QString &mbid, const QHttpServerRequest &request) const
{
    const std::optional<FakeMusicBrainz::ReleaseRef> ref = groupCover(mbid);
    if (!ref)
        return plain(404, QLatin1String("No cover art found for release group ") + mbid);
    if (!acceptsJson(request))
        return plain(406, QStringLiteral("Not Acceptable"));
    FakeResponse response;
    response.body
        = QJsonDocument(indexObject(ref->index, ref->release)).toJson(QJsonDocument::Compact);
    return response;
}

FakeResponse FakeCoverArt::redirectToImage(const QString &mbid, const QString &item) const
{
    const std::optional<FakeMusicBrainz::ReleaseRef> ref
        = FakeMusicBrainz::findRelease(mbid, m_albumCount);
    const std::optional<Item> wanted = parseItem(item);
    if (!ref || !wanted)
        return noSuchRelease(mbid);
    std::optional<Image> image;
    if (wanted->which == u"front" || wanted->which == u"back")
        image = imageOf(ref->index, ref->release, wanted->which == u"back");
    else
        image = imageById(mbid, wanted->which.toLongLong());
    if (!image)
        return noSuchRelease(mbid);
    QUrl location = baseUrl();
    location.setPath(QStringLiteral("/download/mbid-%1/%2")
                         .arg(image->mbid, downloadName(*image, wanted->size)));
    return redirect(307, location.toString());
}

FakeResponse FakeCoverArt::groupFront(const QString &mbid, const QString &item) const
{
    const std::optional<FakeMusicBrainz::ReleaseRef> ref = groupCover(mbid);
    const std::optional<Item> wanted = parseItem(item);
    if (!ref || !wanted || wanted->which != u"front")
        return plain(404, QLatin1String("No cover art found for release group ") + mbid);
    return redirectToImage(FakeMusicBrainz::releaseId(ref->index, ref->release), item);
}

namespace {

// "mbid-<mbid>-<id>_thumb250.jpg" in folder "mbid-<mbid>": the MBID, the id and the size (0 for
// the full image).
struct FileName
{
    QString mbid;
    qint64 id = 0;
    int size = 0;
};

std::optional<FileName> parseFileName(const QString &folder, const QString &file)
{
    static const QRegularExpression pattern(
        QStringLiteral("^mbid-([0-9a-f-]{36})-(\\d{1,18})(?:_thumb(250|500|1200))?\\.jpg$"));
    const QRegularExpressionMatch match = pattern.match(file);
    if (!match.hasMatch() || folder != QLatin1String("mbid-") + match.captured(1))
        return std::nullopt;
    return FileName {match.captured(1), match.captured(2).toLongLong(),
                     match.captured(3).isEmpty() ? 0 : match.captured(3).toInt()};
}

} // namespace

// archive.org's download address sends the client on to the server that holds the file.
FakeResponse FakeCoverArt::download(const QString &folder, const QString &file) const
{
    const std::optional<FileName> name = parseFileName(folder, file);
    if (!name || !imageById(name->mbid, name->id))
        return plain(404, QStringLiteral("Item not found"));
    QUrl location = baseUrl();
    location.setPath(QStringLiteral("/files/%1/%2").arg(folder, file));
    return redirect(302, location.toString());
}

FakeResponse FakeCoverArt::file(const QString &folder, const QString &file)
{
    const std::optional<FileName> name = parseFileName(folder, file);
    const std::optional<Image> image = name ? imageById(name->mbid, name->id) : std::nullopt;
    if (!image)
        return plain(404, QStringLiteral("File not found"));
    FakeResponse response;
    response.headers = {{"Content-Type", "image/jpeg"}};
    response.body = jpeg(image->mbid, image->back, name->size == 0 ? FullSize : name->size);
    if (response.body.isEmpty())
        return plain(500, QStringLiteral("The JPEG could not be encoded (no image plugin?)"));
    return response;
}

std::optional<FakeCoverArt::Image> FakeCoverArt::imageOf(int index, int release, bool back)
{
    const bool present = back ? FakeMusicBrainz::hasBackCover(index, release)
                              : FakeMusicBrainz::hasFrontCover(index, release);
    if (!present)
        return std::nullopt;
    return Image {FakeMusicBrainz::releaseId(index, release), imageId(index, release, back), back};
}

std::optional<FakeCoverArt::Image> FakeCoverArt::imageById(const QString &mbid, qint64 id) const
{
    const std::optional<FakeMusicBrainz::ReleaseRef> ref
        = FakeMusicBrainz::findRelease(mbid, m_albumCount);
    if (!ref)
        return std::nullopt;
    for (const bool back : {false, true}) {
        const std::optional<Image> image = imageOf(ref->index, ref->release, back);
        if (image && image->id == id)
            return image;
    }
    return std::nullopt;
}

std::optional<FakeMusicBrainz::ReleaseRef> FakeCoverArt::groupCover(const QString &groupMbid) const
{
    const std::optional<int> group = FakeMusicBrainz::findReleaseGroup(groupMbid, m_albumCount);
    if (!group)
        return std::nullopt;
    for (int release = 0; release < FakeMusicBrainz::releaseCount(*group); ++release) {
        if (FakeMusicBrainz::hasFrontCover(*group, release))
            return FakeMusicBrainz::ReleaseRef {*group, release};
    }
    return std::nullopt;
}

QString FakeCoverArt::imageUrl(const QString &mbid, qint64 id, int size) const
{
    const QString name
        = size == 0 ? QString::number(id) : QStringLiteral("%1-%2").arg(id).arg(size);
    return baseUrl().toString() + QStringLiteral("/release/%1/%2.jpg").arg(mbid, name);
}

QString FakeCoverArt::downloadName(const Image &image, int size) const
{
    QString name = QStringLiteral("mbid-%1-%2").arg(image.mbid).arg(image.id);
    if (size > 0)
        name += QStringLiteral("_thumb%1").arg(size);
    return name + QLatin1String(".jpg");
}

QJsonObject FakeCoverArt::indexObject(int index, int release) const
{
    const QString mbid = FakeMusicBrainz::releaseId(index, release);
    QJsonArray images;
    for (const bool back : {false, true}) {
        const std::optional<Image> image = imageOf(index, release, back);
        if (!image)
            continue;
        images.append(QJsonObject {
            {QStringLiteral("approved"), true},
            {QStringLiteral("back"), back},
            {QStringLiteral("comment"), QString()},
            {QStringLiteral("edit"), 90'000'000 + image->id % 9'000'000},
            {QStringLiteral("front"), !back},
            {QStringLiteral("id"), image->id}, // a number, as the archive sends it today
            {QStringLiteral("types"),
             QJsonArray {back ? QStringLiteral("Back") : QStringLiteral("Front")}},
            {QStringLiteral("image"), imageUrl(mbid, image->id, 0)},
            {QStringLiteral("thumbnails"),
             QJsonObject {{QStringLiteral("250"), imageUrl(mbid, image->id, 250)},
                          {QStringLiteral("500"), imageUrl(mbid, image->id, 500)},
                          {QStringLiteral("1200"), imageUrl(mbid, image->id, 1200)},
                          {QStringLiteral("large"), imageUrl(mbid, image->id, 500)},
                          {QStringLiteral("small"), imageUrl(mbid, image->id, 250)}}}});
    }
    return {{QStringLiteral("images"), images},
            {QStringLiteral("release"),
             QString(QLatin1String("https://musicbrainz.org/release/") + mbid)}};
}

} // namespace aime::fakes
