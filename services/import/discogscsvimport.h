#pragma once

#include "import/csvimportreport.h"

#include <QFuture>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QThreadPool;

namespace aime {

class AlbumStore;

// Reads a Discogs collection CSV export into the store, one transaction per page of rows, so the
// grid fills while it runs and a cancel or a bad row never loses the pages already read.
class DiscogsCsvImport
{
public:
    static constexpr int pageSize = 250;

    // progress(permille of the file read, good rows so far); cancelled() is polled between pages.
    static CsvImportReport importFile(AlbumStore *store, const QString &path,
                                      const std::function<void(int, int)> &progress = {},
                                      const std::function<bool()> &cancelled = {});
    // The same on the pool; progress as the future's progress value (0..1000) and text. Cancel
    // through the flag rather than QFuture::cancel() so the report of a cancelled import (what
    // was stored before it stopped) still arrives.
    static QFuture<CsvImportReport> start(QThreadPool *pool, AlbumStore *store, const QString &path,
                                          std::shared_ptr<std::atomic_bool> cancelFlag);
};

} // namespace aime
