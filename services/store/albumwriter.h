#pragma once

#include "domain/album.h"
#include "domain/importjobrecord.h"

#include <QCoreApplication>
#include <QList>

namespace aime {

class StoreDatabase;

enum class UpsertOutcome { Inserted, Updated, Merged };

struct UpsertResult
{
    QList<qint64> albumIds; // one per input album, in input order
    QList<UpsertOutcome> outcomes; // one per input album
    int inserted = 0;
    int updated = 0; // a known (provider, external_id): the album was refreshed
    int merged = 0; // same barcode or same artist + title + year: joined as another source
    // Albums that turned out to be another (a barcode from later data) and were merged into it.
    QList<qint64> removedIds;
    QString error; // set when the page was not written at all

    bool ok() const { return error.isEmpty(); }
};

// Writes pages of albums with their sources and tracks (DESIGN.md section 4): a known source
// refreshes its album, the same barcode or artist + title + year joins an album as another
// source, anything else is a new album; one transaction per page.
class AlbumWriter
{
    Q_DECLARE_TR_FUNCTIONS(aime::AlbumStore)

public:
    explicit AlbumWriter(StoreDatabase *database) : m_database(database) { }

    // With an import job's checkpoint when given, committed with the page.
    UpsertResult write(const QList<Album> &albums, const JobCheckpoint *checkpoint);

private:
    StoreDatabase *m_database;
};

} // namespace aime
