#include "store/albummerger.h"

#include "store/sqlexec.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcMerge, "aime.store.merge", QtInfoMsg)

namespace aime {

namespace {

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

struct PersonalFields
{
    AlbumMerger::Description description;
    QString coverFile;
};

bool readPersonalFields(QSqlQuery &query, qint64 albumId, PersonalFields *fields)
{
    if (!execWith(query, {albumId}) || !query.next())
        return false;
    fields->description.text = query.value(0).toString();
    fields->description.model = query.value(1).toString();
    fields->description.generatedAt = query.value(2).toString();
    fields->description.edited = query.value(3).toInt() != 0;
    fields->coverFile = query.value(4).toString();
    query.finish();
    return true;
}

} // namespace

AlbumMerger::Description AlbumMerger::keptDescription(const Description &survivor,
                                                      const Description &absorbed)
{
    if (absorbed.text.isEmpty())
        return survivor;
    if (survivor.text.isEmpty())
        return absorbed;
    if (survivor.edited != absorbed.edited)
        return survivor.edited ? survivor : absorbed;
    const bool absorbedIsNewer = absorbed.generatedAt > survivor.generatedAt;
    const Description &newer = absorbedIsNewer ? absorbed : survivor;
    const Description &older = absorbedIsNewer ? survivor : absorbed;
    if (!survivor.edited || survivor.text == absorbed.text)
        return newer;
    Description both = newer;
    both.text = newer.text + QStringLiteral("\n\n") + older.text;
    return both;
}

qint64 AlbumMerger::mergeSameBarcode(QSqlDatabase db, qint64 albumId, const QString &barcode,
                                     QList<qint64> *removed, QString *error)
{
    const auto failed = [error](const QSqlQuery &query) {
        *error = query.lastError().text();
        return qint64(-1);
    };
    QSqlQuery other(db);
    other.prepare(QStringLiteral("SELECT id FROM albums WHERE barcode = ? AND id <> ? ORDER BY id "
                                 "LIMIT 1"));
    if (!execWith(other, {barcode, albumId}))
        return failed(other);
    if (!other.next())
        return albumId;
    const qint64 otherId = other.value(0).toLongLong();
    other.finish();
    // The older album keeps its id, so what points at it (a selection, a link) stays valid.
    const qint64 survivor = qMin(albumId, otherId);
    const qint64 absorbed = qMax(albumId, otherId);

    QSqlQuery tracks(db);
    tracks.prepare(QStringLiteral("SELECT count(*) FROM tracks WHERE album_id = ?"));
    if (!execWith(tracks, {survivor}) || !tracks.next())
        return failed(tracks);
    const int survivorTracks = tracks.value(0).toInt();
    tracks.finish();
    if (!execWith(tracks, {absorbed}) || !tracks.next())
        return failed(tracks);
    const int absorbedTracks = tracks.value(0).toInt();
    tracks.finish();

    QSqlQuery personal(db);
    personal.prepare(QStringLiteral("SELECT ai_description, ai_model, ai_generated_at, ai_edited, "
                                    "cover_file FROM albums WHERE id = ?"));
    PersonalFields survivorFields;
    PersonalFields absorbedFields;
    if (!readPersonalFields(personal, survivor, &survivorFields)
        || !readPersonalFields(personal, absorbed, &absorbedFields))
        return failed(personal);

    QSqlQuery step(db);
    // The longer tracklist is the richer one.
    if (absorbedTracks > survivorTracks) {
        step.prepare(QStringLiteral("DELETE FROM tracks WHERE album_id = ?"));
        if (!execWith(step, {survivor}))
            return failed(step);
        step.prepare(QStringLiteral("UPDATE tracks SET album_id = ? WHERE album_id = ?"));
        if (!execWith(step, {survivor, absorbed}))
            return failed(step);
    }
    step.prepare(QStringLiteral("UPDATE album_sources SET album_id = ? WHERE album_id = ?"));
    if (!execWith(step, {survivor, absorbed}))
        return failed(step);
    // Every field the survivor lacks comes from the other album.
    step.prepare(QStringLiteral(
        "UPDATE albums SET "
        "year = CASE WHEN year > 0 THEN year ELSE (SELECT year FROM albums WHERE id = ?) END, "
        "release_date = coalesce(release_date, (SELECT release_date FROM albums WHERE id = ?)), "
        "label = coalesce(label, (SELECT label FROM albums WHERE id = ?)), "
        "genres = coalesce(genres, (SELECT genres FROM albums WHERE id = ?)), "
        "format = coalesce(format, (SELECT format FROM albums WHERE id = ?)), "
        "cover_url = coalesce(cover_url, (SELECT cover_url FROM albums WHERE id = ?)), "
        "barcode = coalesce(barcode, ?), "
        "track_count = CASE WHEN (SELECT count(*) FROM tracks WHERE album_id = ?) > 0 "
        "THEN (SELECT count(*) FROM tracks WHERE album_id = ?) "
        "WHEN track_count >= (SELECT track_count FROM albums WHERE id = ?) THEN track_count "
        "ELSE (SELECT track_count FROM albums WHERE id = ?) END, "
        "added_at = CASE WHEN added_at <= (SELECT added_at FROM albums WHERE id = ?) "
        "THEN added_at ELSE (SELECT added_at FROM albums WHERE id = ?) END "
        "WHERE id = ?"));
    if (!execWith(step,
                  {absorbed, absorbed, absorbed, absorbed, absorbed, absorbed, barcode, survivor,
                   survivor, absorbed, absorbed, absorbed, absorbed, survivor}))
        return failed(step);

    const Description kept
        = keptDescription(survivorFields.description, absorbedFields.description);
    const QString coverFile
        = survivorFields.coverFile.isEmpty() ? absorbedFields.coverFile : survivorFields.coverFile;
    step.prepare(QStringLiteral("UPDATE albums SET ai_description = ?, ai_model = ?, "
                                "ai_generated_at = ?, ai_edited = ?, cover_file = ? WHERE id = ?"));
    if (!execWith(step,
                  {textOrNull(kept.text), textOrNull(kept.model), textOrNull(kept.generatedAt),
                   kept.edited ? 1 : 0, textOrNull(coverFile), survivor}))
        return failed(step);

    step.prepare(QStringLiteral("DELETE FROM tracks WHERE album_id = ?"));
    if (!execWith(step, {absorbed}))
        return failed(step);
    step.prepare(QStringLiteral("DELETE FROM albums WHERE id = ?"));
    if (!execWith(step, {absorbed}))
        return failed(step);
    removed->append(absorbed);
    qCInfo(lcMerge) << "merged album" << absorbed << "into" << survivor << "(same barcode)";
    return survivor;
}

} // namespace aime
