#include "store/albumreader.h"

#include "store/sqlexec.h"
#include "store/storedatabase.h"
#include "store/storedvalues.h"

#include <QSqlError>
#include <QSqlQuery>

namespace aime {

void AlbumReader::loadDetails(QSqlDatabase db, Album &album)
{
    QSqlQuery sources(db);
    sources.setForwardOnly(true);
    sources.prepare(QStringLiteral(
        "SELECT provider, external_id, url, format, barcode, label, catalog_number, rating, "
        "folder, added_at, fetched_at, extra FROM album_sources WHERE album_id = ? ORDER BY id"));
    if (execWith(sources, {album.id})) {
        while (sources.next()) {
            SourceRef source;
            source.provider = sources.value(0).toString();
            source.externalId = sources.value(1).toString();
            source.url = sources.value(2).toString();
            source.format = sources.value(3).toString();
            source.barcode = sources.value(4).toString();
            source.label = sources.value(5).toString();
            source.catalogNumber = sources.value(6).toString();
            source.rating = sources.value(7).toInt();
            source.folder = sources.value(8).toString();
            source.addedAt = stored::timeFrom(sources.value(9));
            source.fetchedAt = stored::timeFrom(sources.value(10));
            source.extra = stored::jsonFrom(sources.value(11));
            album.sources.append(source);
        }
    }
    QSqlQuery tracks(db);
    tracks.setForwardOnly(true);
    tracks.prepare(QStringLiteral("SELECT disc, position, title, duration_ms FROM tracks WHERE "
                                  "album_id = ? ORDER BY disc, position, id"));
    if (execWith(tracks, {album.id})) {
        while (tracks.next()) {
            album.tracks.append({tracks.value(0).toInt(), tracks.value(1).toInt(),
                                 tracks.value(2).toString(), tracks.value(3).toLongLong()});
        }
    }
}

namespace {

constexpr auto albumColumns
    = "id, title, artist, year, release_date, label, genres, barcode, format, track_count, "
      "cover_url, cover_file, ai_description, ai_model, ai_generated_at, added_at, updated_at, "
      "ai_edited";

Album albumFromRow(const QSqlQuery &row)
{
    Album album;
    album.id = row.value(0).toLongLong();
    album.title = row.value(1).toString();
    album.artist = row.value(2).toString();
    album.year = row.value(3).toInt();
    album.releaseDate = row.value(4).toString();
    album.label = row.value(5).toString();
    album.genres = stored::genresFrom(row.value(6));
    album.barcode = row.value(7).toString();
    album.format = row.value(8).toString();
    album.trackCount = row.value(9).toInt();
    album.coverUrl = row.value(10).toString();
    album.coverFile = row.value(11).toString();
    album.aiDescription = row.value(12).toString();
    album.aiModel = row.value(13).toString();
    album.aiGeneratedAt = stored::timeFrom(row.value(14));
    album.addedAt = stored::timeFrom(row.value(15));
    album.updatedAt = stored::timeFrom(row.value(16));
    album.aiEdited = row.value(17).toInt() != 0;
    return album;
}

} // namespace

std::optional<Album> AlbumReader::album(qint64 id)
{
    if (!m_database->status().ok())
        return std::nullopt;
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlDatabase db = m_database->connection();
    QSqlQuery select(db);
    select.prepare(
        QStringLiteral("SELECT %1 FROM albums WHERE id = ?").arg(QLatin1String(albumColumns)));
    if (!execWith(select, {id}) || !select.next())
        return std::nullopt;
    Album album = albumFromRow(select);
    select.finish();
    loadDetails(db, album);
    return album;
}

bool AlbumReader::forEachAlbum(const std::function<bool(const Album &)> &visit, QString *error)
{
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        if (error)
            *error = status.message;
        return false;
    }
    constexpr int batchSize = 500;
    qint64 lastId = 0;
    for (;;) {
        QList<Album> batch;
        {
            const QSemaphoreReleaser readSlot = m_database->readSlot();
            QSqlDatabase db = m_database->connection();
            QSqlQuery select(db);
            select.setForwardOnly(true);
            select.prepare(QStringLiteral("SELECT %1 FROM albums WHERE id > ? ORDER BY id LIMIT %2")
                               .arg(QLatin1String(albumColumns))
                               .arg(batchSize));
            if (!execWith(select, {lastId})) {
                if (error)
                    *error = select.lastError().text();
                return false;
            }
            while (select.next())
                batch.append(albumFromRow(select));
            select.finish();
            for (Album &album : batch)
                loadDetails(db, album);
        }
        for (const Album &album : std::as_const(batch)) {
            if (!visit(album))
                return true;
        }
        if (batch.size() < batchSize)
            return true;
        lastId = batch.last().id;
    }
}

} // namespace aime
