#pragma once

#include "domain/album.h"
#include "domain/importjobrecord.h"
#include "store/albumquery.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>
#include <QVariantList>

#include <utility>

namespace aime {

class StoreDatabase;

// Which file of the disk cache holds each album's cover (albums.cover_file), and which albums
// still need one.
class CoverStore
{
    Q_DECLARE_TR_FUNCTIONS(aime::AlbumStore)

public:
    explicit CoverStore(StoreDatabase *database) : m_database(database) { }

    // Where each album's cover is kept, or empty to forget it, in one transaction (a cover job's
    // batch, with its checkpoint). Returns the error, empty on success.
    QString setFiles(const QList<std::pair<qint64, QString>> &files,
                     const JobCheckpoint *checkpoint = nullptr);
    // Every album naming one of these files forgets it (the disk cache removed them), in one
    // transaction, so albumsWithout() finds those albums again. Returns the error.
    QString forgetFiles(const QStringList &paths);
    // Albums without a cover file that have somewhere to get one (a cover URL or a MusicBrainz
    // release), ids ascending after `after`.
    QList<AlbumSummary> albumsWithout(qint64 after, int limit, QString *error = nullptr);

private:
    // Runs `sql` once per row of binds in one transaction, with the checkpoint when given;
    // `failure` has a %1 for the database's error.
    QString updateEach(const QString &sql, const QList<QVariantList> &rows,
                       const JobCheckpoint *checkpoint, const QString &failure);

    StoreDatabase *m_database;
};

} // namespace aime
