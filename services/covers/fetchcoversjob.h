#pragma once

#include "import/importjob.h"

#include <QHash>
#include <QSet>

namespace aime {

class CoverFetcher;

// Tools > Fetch missing covers (issue 7): a job over the albums that have no cover file but
// somewhere to get one (a provider's image or a MusicBrainz release), in id order and in
// batches; each batch's files are stored with the job's cursor in one transaction. An album no
// source has a cover for is counted and left with its placeholder. Cursor {"after": id,
// "missing": n}.
class FetchCoversJob : public ImportJob
{
    Q_OBJECT

public:
    static constexpr auto source = "covers";
    static constexpr int batchSize = 20;

    FetchCoversJob(AlbumStore *store, QThreadPool *pool, CoverFetcher *fetcher,
                   ImportJobRecord record, QObject *parent = nullptr);

    QString phase() const override;

protected:
    void run() override;

private:
    void nextBatch();
    void settled(qint64 albumId, const QString &path);

    CoverFetcher *m_fetcher;
    QHash<qint64, QString> m_found; // of the batch: album id to its file
    QSet<qint64> m_pending;
    int m_missingInBatch = 0;
    qint64 m_batchEnd = 0;
    int m_batchSize = 0;
};

} // namespace aime
