#pragma once

#include "import/importjob.h"

namespace aime {

class DiscogsClient;

// Import > Discogs collection (issue 4), in two phases of one job:
// 1. "collection": folder 0 in pages of 100; the basic information of each item is enough to
//    show the album at once. Cursor {"phase": "collection", "page": N}.
// 2. "details": every Discogs release in the store, in id order, fetched through the gate for
//    its tracklist, barcode, genres and images. Cursor {"phase": "details", "after": ID}: every
//    release up to ID is stored. A release Discogs no longer has (404) is skipped.
// params: {"user": NAME}.
class DiscogsCollectionImport : public ImportJob
{
    Q_OBJECT

public:
    static constexpr auto source = "discogs";
    // Releases requested together in the details phase; the gate paces them.
    static constexpr int detailsBatch = 10;

    DiscogsCollectionImport(AlbumStore *store, QThreadPool *pool, DiscogsClient *client,
                            ImportJobRecord record, QObject *parent = nullptr);

    QString phase() const override;

protected:
    void run() override;

private:
    void fetchCollectionPage(int page);
    void fetchDetails(qint64 after);
    void fetchReleases(const QList<qint64> &ids);

    DiscogsClient *m_client;
    int m_detailsTotal = 0; // releases the details phase walks
};

} // namespace aime
