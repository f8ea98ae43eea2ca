#include "providers/musicbrainzparser.h"

#include "domain/partialdate.h"
#include "providers/jsonfieldreader.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace aime {

namespace {

using Need = JsonFieldReader::Need;
constexpr qint64 MaxWhole = JsonFieldReader::MaxWhole;
constexpr qint64 MaxInt = JsonFieldReader::MaxInt;

QString describeError(const QJsonObject &object)
{
    const QJsonValue error = object.value(QLatin1String("error"));
    const QString text = error.isString() ? clippedProviderText(error.toString()) : QString();
    return text.isEmpty() ? QString() : QLatin1String("MusicBrainz error: ") + text;
}

// Parses the top level and turns an error body into a failure that carries its text.
std::optional<QJsonObject> parseTop(JsonFieldReader &reader, const QByteArray &json)
{
    std::optional<QJsonObject> top = reader.parse(json);
    if (top) {
        const QString error = describeError(*top);
        if (!error.isEmpty()) {
            reader.fail(QLatin1String("the response is an error: ") + error);
            return std::nullopt;
        }
    }
    return top;
}

// MBIDs go into request paths and links, so nothing but a plain UUID is taken.
QString readMbid(JsonFieldReader &reader, const QJsonObject &object, const QString &where)
{
    const QString id = reader.string(object, where, "id", Need::NonEmpty);
    if (!id.isEmpty() && (id.size() != 36 || QUuid::fromString(id).isNull()))
        reader.failField(joinPath(where, "id"), "is not an MBID");
    return id;
}

void readDate(JsonFieldReader &reader, const QJsonObject &object, const QString &where,
              const char *key, Album *album)
{
    const std::optional<PartialDate> date
        = PartialDate::parse(reader.string(object, where, key, Need::Optional));
    if (!date) {
        reader.failField(joinPath(where, key), "is not a date");
        return;
    }
    album->year = date->year;
    album->releaseDate = date->text;
}

// "JAY-Z" + " & " + "Kanye West": each credit's name (as credited, not the artist's own name)
// followed by its join phrase.
QString readArtistCredit(JsonFieldReader &reader, const QJsonObject &object, const QString &where)
{
    const QJsonArray credits = reader.array(object, where, "artist-credit", Need::Required);
    const QString path = joinPath(where, "artist-credit");
    QString artist;
    for (qsizetype i = 0; i < credits.size() && !reader.failed(); ++i) {
        const QJsonObject credit = reader.element(credits, i, path);
        const QString creditWhere = itemPath(path, i);
        artist += reader.string(credit, creditWhere, "name", Need::Required);
        artist += reader.string(credit, creditWhere, "joinphrase", Need::Optional);
    }
    return artist.trimmed();
}

SourceRef sourceFor(const QString &kind, const QString &id, const QString &format)
{
    SourceRef source;
    source.provider = QStringLiteral("musicbrainz");
    source.externalId = id;
    source.url = QLatin1String("https://musicbrainz.org/") + kind + u'/' + id;
    source.format = format;
    return source;
}

Album readReleaseGroup(JsonFieldReader &reader, const QJsonObject &object, const QString &where)
{
    Album album;
    const QString id = readMbid(reader, object, where);
    album.title = reader.string(object, where, "title", Need::Required);
    album.artist = readArtistCredit(reader, object, where);
    readDate(reader, object, where, "first-release-date", &album);
    album.format = reader.string(object, where, "primary-type", Need::Optional);
    SourceRef source = sourceFor(QStringLiteral("release-group"), id, album.format);
    // The group's releases, official ones first: adding the group to the collection looks one
    // of them up, and any of them already stored means the group is in the collection.
    const QJsonArray releases = reader.array(object, where, "releases", Need::Optional);
    const QString releasesPath = joinPath(where, "releases");
    QJsonArray official;
    QJsonArray others;
    for (qsizetype i = 0; i < releases.size() && !reader.failed(); ++i) {
        const QJsonObject release = reader.element(releases, i, releasesPath);
        const QString releaseWhere = itemPath(releasesPath, i);
        const QString releaseId = readMbid(reader, release, releaseWhere);
        const QString status = reader.string(release, releaseWhere, "status", Need::Optional);
        (status.compare(u"Official", Qt::CaseInsensitive) == 0 ? official : others)
            .append(releaseId);
    }
    for (const QJsonValue &other : std::as_const(others))
        official.append(other);
    if (!official.isEmpty())
        source.extra.insert(MusicBrainzParser::releasesKey, official);
    album.sources = {source};
    return album;
}

// Tracks of every medium in order; returns the number of tracks the media say they hold.
qint64 readMedia(JsonFieldReader &reader, const QJsonObject &release, Album *album)
{
    const QJsonArray media = reader.array(release, QString(), "media", Need::Required);
    const QString mediaPath = QStringLiteral("media");
    qint64 trackCount = 0;
    for (qsizetype m = 0; m < media.size() && !reader.failed(); ++m) {
        const QJsonObject medium = reader.element(media, m, mediaPath);
        const QString mediumWhere = itemPath(mediaPath, m);
        const int disc = int(
            reader.integer(medium, mediumWhere, "position", Need::Required, 0, MaxInt).value_or(0));
        const QString format = reader.string(medium, mediumWhere, "format", Need::Optional);
        if (m == 0)
            album->format = format;
        const QJsonArray tracks = reader.array(medium, mediumWhere, "tracks", Need::Required);
        const QString tracksPath = joinPath(mediumWhere, "tracks");
        trackCount += reader.integer(medium, mediumWhere, "track-count", Need::Optional, 0, MaxInt)
                          .value_or(tracks.size());
        for (qsizetype t = 0; t < tracks.size() && !reader.failed(); ++t) {
            const QJsonObject item = reader.element(tracks, t, tracksPath);
            const QString trackWhere = itemPath(tracksPath, t);
            Track track;
            track.disc = disc;
            track.title = reader.string(item, trackWhere, "title", Need::Required);
            // "position" is not in the server's own fixtures; the list order is.
            track.position
                = int(reader.integer(item, trackWhere, "position", Need::Optional, 0, MaxInt)
                          .value_or(t + 1));
            track.durationMs
                = reader.integer(item, trackWhere, "length", Need::Optional, 0, MaxWhole)
                      .value_or(0);
            album->tracks.append(track);
        }
    }
    return trackCount;
}

bool isLoopback(const QString &host)
{
    return host == QLatin1String("localhost") || host.startsWith(QLatin1String("127."))
        || host == QLatin1String("::1");
}

} // namespace

ParseResult<AlbumListPage> MusicBrainzParser::releaseGroupSearch(const QByteArray &json)
{
    JsonFieldReader reader("MusicBrainz release-group search");
    const std::optional<QJsonObject> top = parseTop(reader, json);
    if (!top)
        return ParseResult<AlbumListPage>::failure(reader.message());

    AlbumListPage page;
    page.total
        = int(reader.integer(*top, QString(), "count", Need::Required, 0, MaxInt).value_or(0));
    page.offset
        = int(reader.integer(*top, QString(), "offset", Need::Required, 0, MaxInt).value_or(0));
    const QJsonArray groups = reader.array(*top, QString(), "release-groups", Need::Required);
    const QString groupsPath = QStringLiteral("release-groups");
    page.albums.reserve(groups.size());
    for (qsizetype i = 0; i < groups.size() && !reader.failed(); ++i) {
        const QJsonObject group = reader.element(groups, i, groupsPath);
        page.albums.append(readReleaseGroup(reader, group, itemPath(groupsPath, i)));
    }
    if (reader.failed())
        return ParseResult<AlbumListPage>::failure(reader.message());
    return ParseResult<AlbumListPage>::success(std::move(page));
}

ParseResult<Album> MusicBrainzParser::release(const QByteArray &json)
{
    JsonFieldReader reader("MusicBrainz release");
    const std::optional<QJsonObject> top = parseTop(reader, json);
    if (!top)
        return ParseResult<Album>::failure(reader.message());

    Album album;
    const QString id = readMbid(reader, *top, QString());
    album.title = reader.string(*top, QString(), "title", Need::Required);
    album.artist = readArtistCredit(reader, *top, QString());
    readDate(reader, *top, QString(), "date", &album);
    album.barcode = reader.string(*top, QString(), "barcode", Need::Optional).trimmed();

    QString catalogNumber;
    const QJsonArray labelInfo = reader.array(*top, QString(), "label-info", Need::Optional);
    if (!labelInfo.isEmpty()) {
        const QString where = QStringLiteral("label-info[0]");
        const QJsonObject info = reader.element(labelInfo, 0, QStringLiteral("label-info"));
        catalogNumber = reader.string(info, where, "catalog-number", Need::Optional).trimmed();
        // label is null when the release is credited to no known label.
        const QJsonObject label = reader.object(info, where, "label", Need::Optional);
        album.label = reader.string(label, joinPath(where, "label"), "name", Need::Optional);
    }

    album.trackCount = int(qMin(readMedia(reader, *top, &album), MaxInt));
    if (reader.failed())
        return ParseResult<Album>::failure(reader.message());

    SourceRef source = sourceFor(QStringLiteral("release"), id, album.format);
    source.barcode = album.barcode;
    source.label = album.label;
    source.catalogNumber = catalogNumber;
    album.sources = {source};
    return ParseResult<Album>::success(std::move(album));
}

ParseResult<QUrl> MusicBrainzParser::coverArtFront(const QByteArray &json, int size)
{
    JsonFieldReader reader("Cover Art Archive");
    const std::optional<QJsonObject> top = reader.parse(json);
    if (!top)
        return ParseResult<QUrl>::failure(reader.message());

    const QJsonArray images = reader.array(*top, QString(), "images", Need::Required);
    const QString imagesPath = QStringLiteral("images");
    QJsonObject front;
    QString frontWhere;
    // Image ids are numbers in current answers and strings in older ones; they are not needed.
    for (qsizetype i = 0; i < images.size() && !reader.failed() && frontWhere.isEmpty(); ++i) {
        const QJsonObject image = reader.element(images, i, imagesPath);
        if (reader.boolean(image, itemPath(imagesPath, i), "front", Need::Optional)
                .value_or(false)) {
            front = image;
            frontWhere = itemPath(imagesPath, i);
        }
    }
    if (!reader.failed() && frontWhere.isEmpty())
        reader.fail(QStringLiteral("no image is marked front"));
    if (reader.failed())
        return ParseResult<QUrl>::failure(reader.message());

    // "small" is the 250 thumbnail and "large" the 500 one; the nearer comes first.
    const QByteArray sizeKey = QByteArray::number(size);
    const char *const keys[]
        = {sizeKey.constData(), size <= 250 ? "small" : "large", size <= 250 ? "large" : "small"};
    const QJsonObject thumbnails = reader.object(front, frontWhere, "thumbnails", Need::Optional);
    const QString thumbnailsWhere = joinPath(frontWhere, "thumbnails");
    QUrl url;
    for (const char *key : keys) {
        if (url.isEmpty())
            url = reader.url(thumbnails, thumbnailsWhere, key, Need::Optional);
    }
    if (url.isEmpty())
        url = reader.url(front, frontWhere, "image", Need::NonEmpty);
    if (reader.failed())
        return ParseResult<QUrl>::failure(reader.message());

    if (url.scheme() == QLatin1String("http") && !isLoopback(url.host()))
        url.setScheme(QStringLiteral("https"));
    return ParseResult<QUrl>::success(url);
}

QString MusicBrainzParser::errorMessage(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {};
    return describeError(document.object());
}

} // namespace aime
