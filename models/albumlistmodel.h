#pragma once

#include "domain/album.h"
#include "store/albumquery.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

class QThreadPool;

namespace aime {

class AlbumStore;
class CoverImageCache;

// The albums of the grid as a window over the store. rowCount() is the query's whole count,
// but only a few pages of rows are held (least recently used dropped), so memory stays flat at
// 100,000 albums however far the grid scrolls. A row whose page is absent reads as empty; its
// page is read on the worker pool (after the previous page by keyset, else by offset) and
// lands as one dataChanged. A new query resets the model with its first page; its count follows
// as one range insert. Store changes (imports) are coalesced and land as one dataChanged
// or one layoutChanged that keeps selected albums selected; only a new query resets the model.
class AlbumListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        AlbumIdRole = Qt::UserRole + 1,
        TitleRole,
        ArtistRole,
        YearRole,
        FormatRole,
        CoverFileRole,
        AddedAtRole,
        CoverRole, // changes when the cover is ready (see CoverImageCache)
        LoadedRole, // false while the row's page is being read
    };
    Q_ENUM(Role)

    static constexpr int defaultPageSize = 100;
    static constexpr int defaultResidentPages = 30;

    AlbumListModel(AlbumStore *store, QThreadPool *pool, QObject *parent = nullptr);
    ~AlbumListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    AlbumQuery query() const { return m_query; }
    void setQuery(const AlbumQuery &query);
    void setFilterText(const QString &text);
    void setSort(AlbumSort sort);
    // Reads the current query again from the start. Nothing is read before the first call (the
    // application makes it once the store has opened); until then setQuery() only records.
    void reload();

    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }
    void setResidentPageLimit(int pages) { m_residentLimit = qMax(2, pages); }
    int residentPageCount() const { return int(m_pages.size()); }
    // Covers: a row repaints (dataChanged with CoverRole) when its cover is ready.
    void setCoverCache(CoverImageCache *covers);
    CoverImageCache *coverCache() const { return m_covers; }
    // The row's album as the grid paints it; null for a row out of range or whose page is not
    // held yet (that page is then asked for).
    const AlbumSummary *summaryAt(int row) const;
    // Finds the album's row in the current query on the pool; located() answers (row -1 when
    // the album is not in it).
    void locate(qint64 albumId);
    // Albums matching the query in the whole store; -1 until counted.
    int totalCount() const { return m_totalCount; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void totalCountChanged(int count);
    void loadingChanged(bool loading);
    // A query (new filter, sort or reload) has its count and first page in the model.
    void queryApplied();
    void loadFailed(const QString &message);
    void located(qint64 albumId, int row);

private:
    struct Page
    {
        QList<AlbumSummary> rows;
        PageCursor next;
        bool atEnd = false;
        mutable quint64 lastUse = 0;
    };
    struct Window
    {
        int count = -1;
        QHash<int, Page> pages;
        QString error;
    };

    void requestWindow(bool replace);
    void applyWindow(bool replace, quint64 generation, quint64 storeVersion, Window window);
    void applyRefreshedWindow(const Window &window);
    void requestCount();
    void applyCount(int count, quint64 storeVersion);
    void askForPage(int page) const;
    void startQueuedReads();
    void applyPage(int page, quint64 generation, quint64 storeVersion, const SummaryPage &read);
    void insertPage(int page, Page contents);
    void emitPageChanged(int page);
    int rowOf(qint64 albumId) const;
    void scheduleRefresh();
    void updateLoading();
    void setTotalCount(int count);

    AlbumStore *m_store;
    QThreadPool *m_pool;
    AlbumQuery m_query;
    int m_pageSize = defaultPageSize;
    int m_residentLimit = defaultResidentPages;
    int m_rowCount = 0;
    int m_totalCount = -1;
    bool m_started = false;
    bool m_loading = false;
    bool m_windowInFlight = false;
    bool m_countInFlight = false;
    bool m_refreshPending = false;
    // A new query's reads are told apart from an old one's by the generation; reads begun
    // before the last applied refresh by the store version.
    quint64 m_generation = 0;
    quint64 m_storeVersion = 0;
    quint64 m_appliedStoreVersion = 0;
    QTimer m_refreshTimer;
    CoverImageCache *m_covers = nullptr;

    QHash<int, Page> m_pages;
    mutable quint64 m_useClock = 0;
    // Pages asked for by painting, newest last; the newest are read first and the oldest
    // dropped, so a fling does not leave a queue of pages nobody looks at any more.
    mutable QList<int> m_queuedPages;
    mutable bool m_readsScheduled = false;
    QSet<int> m_pagesInFlight;
    // Pages whose read failed (a busy or briefly unreachable store), with how often in a row;
    // such a page is asked again after a backoff, or at once when the store changes.
    QHash<int, int> m_pageFailures;
    QSet<int> m_pagesWaitingRetry;
};

} // namespace aime
