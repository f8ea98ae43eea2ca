#include "providers/spotifyparser.h"

#include "domain/partialdate.h"
#include "providers/jsonfieldreader.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>
#include <optional>

namespace aime {

namespace {

using Need = JsonFieldReader::Need;
constexpr qint64 MaxWhole = JsonFieldReader::MaxWhole;
constexpr qint64 MaxInt = JsonFieldReader::MaxInt;

// The error body's text without the "Spotify" prefix, or empty when the object is not one.
QString describeError(const QJsonObject &object)
{
    const QJsonValue error = object.value(QLatin1String("error"));
    if (error.isObject()) {
        const QJsonObject body = error.toObject();
        const QJsonValue statusValue = body.value(QLatin1String("status"));
        const QJsonValue messageValue = body.value(QLatin1String("message"));
        const double status = statusValue.toDouble();
        const bool hasStatus = statusValue.isDouble() && std::trunc(status) == status
            && status >= 100 && status <= 999;
        const QString message
            = messageValue.isString() ? clippedProviderText(messageValue.toString()) : QString();
        if (!hasStatus && message.isEmpty())
            return {};
        QString text = QStringLiteral("error");
        if (hasStatus)
            text += u' ' + QString::number(int(status));
        if (!message.isEmpty())
            text += QLatin1String(": ") + message;
        return text;
    }
    if (error.isString()) {
        const QString code = clippedProviderText(error.toString());
        if (code.isEmpty())
            return {};
        const QJsonValue descriptionValue = object.value(QLatin1String("error_description"));
        const QString description = descriptionValue.isString()
            ? clippedProviderText(descriptionValue.toString())
            : QString();
        QString text = QLatin1String("sign-in error (") + code + u')';
        if (!description.isEmpty())
            text += QLatin1String(": ") + description;
        return text;
    }
    return {};
}

// Parses the top level and turns an error body into a failure that carries its text, so a caller
// handing a 4xx body to a value parser still gets Spotify's reason.
std::optional<QJsonObject> parseTop(JsonFieldReader &reader, const QByteArray &json)
{
    std::optional<QJsonObject> top = reader.parse(json);
    if (top && top->contains(QLatin1String("error"))) {
        const QString error = describeError(*top);
        if (!error.isEmpty()) {
            reader.fail(QLatin1String("the response is an error: Spotify ") + error);
            return std::nullopt;
        }
    }
    return top;
}

// Spotify ids are base62; they go into request paths later.
bool isBase62(const QString &id)
{
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')))
            return false;
    }
    return true;
}

// album_type is lower case on the wire; AIME writes formats capitalised, as Discogs does.
QString formatFor(const QString &albumType)
{
    if (albumType == QLatin1String("album"))
        return QStringLiteral("Album");
    if (albumType == QLatin1String("single"))
        return QStringLiteral("Single");
    if (albumType == QLatin1String("compilation"))
        return QStringLiteral("Compilation");
    // A type Spotify adds later is kept rather than failing the album for it.
    return albumType.left(1).toUpper() + albumType.mid(1);
}

void readReleaseDate(JsonFieldReader &reader, const QJsonObject &object, const QString &where,
                     Album *album)
{
    const QString date = reader.string(object, where, "release_date", Need::Optional);
    const QString precision
        = reader.string(object, where, "release_date_precision", Need::Optional);
    // Cut to the precision, so a "year" album never shows a made-up January 1st.
    qsizetype length = date.size();
    if (precision == QLatin1String("year"))
        length = 4;
    else if (precision == QLatin1String("month"))
        length = 7;
    else if (precision == QLatin1String("day"))
        length = 10;
    const std::optional<PartialDate> parsed = PartialDate::parse(date.left(length));
    if (!parsed) {
        reader.failField(joinPath(where, "release_date"), "is not a date");
        return;
    }
    album->year = parsed->year;
    album->releaseDate = parsed->text;
}

QString readArtists(JsonFieldReader &reader, const QJsonObject &object, const QString &where)
{
    const QJsonArray artists = reader.array(object, where, "artists", Need::Required);
    const QString path = joinPath(where, "artists");
    QStringList names;
    for (qsizetype i = 0; i < artists.size() && !reader.failed(); ++i) {
        const QJsonObject artist = reader.element(artists, i, path);
        const QString name = reader.string(artist, itemPath(path, i), "name", Need::Required);
        if (!name.isEmpty())
            names.append(name);
    }
    return names.join(QLatin1String(", "));
}

// The widest image; "widest first" is documented but not relied on. Missing sizes count as 0,
// so with no sizes at all the first image wins.
QString readCover(JsonFieldReader &reader, const QJsonObject &object, const QString &where)
{
    const QJsonArray images = reader.array(object, where, "images", Need::Optional);
    const QString path = joinPath(where, "images");
    QString best;
    qint64 bestWidth = -1;
    for (qsizetype i = 0; i < images.size() && !reader.failed(); ++i) {
        const QJsonObject image = reader.element(images, i, path);
        const QString imageWhere = itemPath(path, i);
        const QUrl url = reader.url(image, imageWhere, "url", Need::NonEmpty);
        const qint64 width
            = reader.integer(image, imageWhere, "width", Need::Optional, 0, MaxInt).value_or(0);
        if (width > bestWidth) {
            best = url.toString();
            bestWidth = width;
        }
    }
    return best;
}

QList<Track> readTracks(JsonFieldReader &reader, const QJsonObject &page, const QString &where)
{
    const QJsonArray items = reader.array(page, where, "items", Need::Required);
    const QString path = joinPath(where, "items");
    QList<Track> tracks;
    tracks.reserve(items.size());
    for (qsizetype i = 0; i < items.size() && !reader.failed(); ++i) {
        const QJsonObject item = reader.element(items, i, path);
        const QString itemWhere = itemPath(path, i);
        Track track;
        track.title = reader.string(item, itemWhere, "name", Need::Required);
        track.position = int(
            reader.integer(item, itemWhere, "track_number", Need::Required, 0, MaxInt).value_or(0));
        track.disc = int(
            reader.integer(item, itemWhere, "disc_number", Need::Optional, 0, MaxInt).value_or(1));
        track.durationMs
            = reader.integer(item, itemWhere, "duration_ms", Need::Optional, 0, MaxWhole)
                  .value_or(0);
        tracks.append(track);
    }
    return tracks;
}

// A full album (tracksNeed Required) or a simplified one from a list (Optional). tracksNext, when
// given, receives the embedded tracks page's "next".
Album readAlbum(JsonFieldReader &reader, const QJsonObject &object, const QString &where,
                Need tracksNeed, QUrl *tracksNext = nullptr)
{
    Album album;
    const QString id = reader.string(object, where, "id", Need::NonEmpty);
    if (!id.isEmpty() && !isBase62(id))
        reader.failField(joinPath(where, "id"), "is not a Spotify id");
    album.title = reader.string(object, where, "name", Need::Required);
    album.artist = readArtists(reader, object, where);
    readReleaseDate(reader, object, where, &album);
    album.format = formatFor(reader.string(object, where, "album_type", Need::Optional));
    album.label = reader.string(object, where, "label", Need::Optional);
    album.coverUrl = readCover(reader, object, where);

    const QJsonArray genres = reader.array(object, where, "genres", Need::Optional);
    for (qsizetype i = 0; i < genres.size() && !reader.failed(); ++i) {
        if (!genres.at(i).isString())
            reader.failField(itemPath(joinPath(where, "genres"), i), "is not a string");
        else if (!genres.at(i).toString().isEmpty())
            album.genres.append(genres.at(i).toString());
    }

    const QJsonObject externalIds = reader.object(object, where, "external_ids", Need::Optional);
    const QString idsWhere = joinPath(where, "external_ids");
    const QString upc = reader.string(externalIds, idsWhere, "upc", Need::Optional);
    const QString ean = reader.string(externalIds, idsWhere, "ean", Need::Optional);
    album.barcode = upc.trimmed().isEmpty() ? ean.trimmed() : upc.trimmed();

    const QJsonObject externalUrls = reader.object(object, where, "external_urls", Need::Optional);
    const QUrl url
        = reader.url(externalUrls, joinPath(where, "external_urls"), "spotify", Need::Optional);

    const QJsonObject tracks = reader.object(object, where, "tracks", tracksNeed);
    std::optional<qint64> tracksTotal;
    if (!tracks.isEmpty() || tracksNeed != Need::Optional) {
        const QString tracksWhere = joinPath(where, "tracks");
        album.tracks = readTracks(reader, tracks, tracksWhere);
        tracksTotal = reader.integer(tracks, tracksWhere, "total", Need::Required, 0, MaxInt);
        const QUrl next = reader.url(tracks, tracksWhere, "next", Need::Optional);
        if (tracksNext)
            *tracksNext = next;
    }
    const std::optional<qint64> totalTracks
        = reader.integer(object, where, "total_tracks", Need::Optional, 0, MaxInt);
    album.trackCount = int(totalTracks.value_or(tracksTotal.value_or(0)));

    SourceRef source;
    source.provider = QStringLiteral("spotify");
    source.externalId = id;
    source.url = url.toString();
    source.format = album.format;
    source.barcode = album.barcode;
    source.label = album.label;
    album.sources = {source};
    return album;
}

// total, offset and next of a paging object; returns its items.
QJsonArray readPaging(JsonFieldReader &reader, const QJsonObject &paging, const QString &where,
                      int *total, int *offset, QUrl *next)
{
    *total = int(reader.integer(paging, where, "total", Need::Required, 0, MaxInt).value_or(0));
    *offset = int(reader.integer(paging, where, "offset", Need::Required, 0, MaxInt).value_or(0));
    *next = reader.url(paging, where, "next", Need::Optional);
    return reader.array(paging, where, "items", Need::Required);
}

ParseResult<Album> parseAlbum(const QByteArray &json, QUrl *tracksNext)
{
    JsonFieldReader reader("Spotify album");
    const std::optional<QJsonObject> top = parseTop(reader, json);
    if (!top)
        return ParseResult<Album>::failure(reader.message());
    Album album = readAlbum(reader, *top, QString(), Need::Required, tracksNext);
    if (reader.failed())
        return ParseResult<Album>::failure(reader.message());
    return ParseResult<Album>::success(std::move(album));
}

} // namespace

ParseResult<AlbumListPage> SpotifyParser::searchAlbums(const QByteArray &json)
{
    JsonFieldReader reader("Spotify search");
    const std::optional<QJsonObject> top = parseTop(reader, json);
    if (!top)
        return ParseResult<AlbumListPage>::failure(reader.message());

    const QString where = QStringLiteral("albums");
    const QJsonObject albums = reader.object(*top, QString(), "albums", Need::Required);
    AlbumListPage page;
    const QJsonArray items
        = readPaging(reader, albums, where, &page.total, &page.offset, &page.next);
    const QString itemsPath = QStringLiteral("albums.items");
    page.albums.reserve(items.size());
    for (qsizetype i = 0; i < items.size() && !reader.failed(); ++i) {
        const QJsonObject item = reader.element(items, i, itemsPath);
        page.albums.append(readAlbum(reader, item, itemPath(itemsPath, i), Need::Optional));
    }
    if (reader.failed())
        return ParseResult<AlbumListPage>::failure(reader.message());
    return ParseResult<AlbumListPage>::success(std::move(page));
}

ParseResult<Album> SpotifyParser::album(const QByteArray &json)
{
    return parseAlbum(json, nullptr);
}

QUrl SpotifyParser::embeddedTracksNext(const QByteArray &albumJson)
{
    QUrl next;
    return parseAlbum(albumJson, &next).ok() ? next : QUrl();
}

ParseResult<TrackPage> SpotifyParser::albumTracks(const QByteArray &json)
{
    JsonFieldReader reader("Spotify album tracks");
    const std::optional<QJsonObject> top = parseTop(reader, json);
    if (!top)
        return ParseResult<TrackPage>::failure(reader.message());
    TrackPage page;
    page.total
        = int(reader.integer(*top, QString(), "total", Need::Required, 0, MaxInt).value_or(0));
    page.next = reader.url(*top, QString(), "next", Need::Optional);
    page.tracks = readTracks(reader, *top, QString());
    if (reader.failed())
        return ParseResult<TrackPage>::failure(reader.message());
    return ParseResult<TrackPage>::success(std::move(page));
}

ParseResult<AlbumListPage> SpotifyParser::savedAlbums(const QByteArray &json)
{
    JsonFieldReader reader("Spotify saved albums");
    const std::optional<QJsonObject> top = parseTop(reader, json);
    if (!top)
        return ParseResult<AlbumListPage>::failure(reader.message());

    AlbumListPage page;
    const QJsonArray items
        = readPaging(reader, *top, QString(), &page.total, &page.offset, &page.next);
    const QString itemsPath = QStringLiteral("items");
    page.albums.reserve(items.size());
    for (qsizetype i = 0; i < items.size() && !reader.failed(); ++i) {
        const QJsonObject item = reader.element(items, i, itemsPath);
        const QString where = itemPath(itemsPath, i);
        const QString addedText = reader.string(item, where, "added_at", Need::NonEmpty);
        QDateTime addedAt = QDateTime::fromString(addedText, Qt::ISODate);
        if (!addedText.isEmpty() && !addedAt.isValid())
            reader.failField(joinPath(where, "added_at"), "is not an ISO 8601 time");
        // Documented as UTC; a time written without a zone is read as UTC, not local time.
        if (addedAt.timeSpec() == Qt::LocalTime)
            addedAt.setTimeSpec(Qt::UTC);
        const QJsonObject albumObject = reader.object(item, where, "album", Need::Required);
        Album album = readAlbum(reader, albumObject, joinPath(where, "album"), Need::Optional);
        album.sources.first().addedAt = addedAt.toUTC();
        page.albums.append(std::move(album));
    }
    if (reader.failed())
        return ParseResult<AlbumListPage>::failure(reader.message());
    return ParseResult<AlbumListPage>::success(std::move(page));
}

ParseResult<SpotifyToken> SpotifyParser::token(const QByteArray &json)
{
    JsonFieldReader reader("Spotify token");
    const std::optional<QJsonObject> top = parseTop(reader, json);
    if (!top)
        return ParseResult<SpotifyToken>::failure(reader.message());

    SpotifyToken token;
    token.accessToken = reader.string(*top, QString(), "access_token", Need::NonEmpty);
    token.tokenType = reader.string(*top, QString(), "token_type", Need::NonEmpty);
    if (!token.tokenType.isEmpty()
        && token.tokenType.compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0) {
        reader.fail(QStringLiteral("\"token_type\" is \"%1\", expected \"Bearer\"")
                        .arg(clippedProviderText(token.tokenType)));
    }
    token.expiresInSeconds
        = int(reader.integer(*top, QString(), "expires_in", Need::Required, 0, MaxInt).value_or(0));
    token.refreshToken = reader.string(*top, QString(), "refresh_token", Need::Optional);
    token.scope = reader.string(*top, QString(), "scope", Need::Optional);
    if (reader.failed())
        return ParseResult<SpotifyToken>::failure(reader.message());
    return ParseResult<SpotifyToken>::success(std::move(token));
}

ParseResult<SpotifyUser> SpotifyParser::currentUser(const QByteArray &json)
{
    JsonFieldReader reader("Spotify user");
    const std::optional<QJsonObject> top = parseTop(reader, json);
    if (!top)
        return ParseResult<SpotifyUser>::failure(reader.message());
    SpotifyUser user;
    user.id = reader.string(*top, QString(), "id", Need::NonEmpty);
    user.displayName = reader.string(*top, QString(), "display_name", Need::Optional);
    if (reader.failed())
        return ParseResult<SpotifyUser>::failure(reader.message());
    return ParseResult<SpotifyUser>::success(std::move(user));
}

QString SpotifyParser::errorMessage(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {};
    const QString text = describeError(document.object());
    return text.isEmpty() ? QString() : QLatin1String("Spotify ") + text;
}

} // namespace aime
