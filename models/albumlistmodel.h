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

// The albums of the grid, read lazily from the store in pages (canFetchMore/fetchMore) so a
// collection of 100,000 opens as fast as one of 100. Every read runs on the worker pool; pages
// arrive by continuation on the GUI thread and land as range inserts. Store changes (imports)
// are coalesced and applied as batched removes and inserts of the loaded window.
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
    };
    Q_ENUM(Role)

    static constexpr int defaultPageSize = 100;

    AlbumListModel(AlbumStore *store, QThreadPool *pool, QObject *parent = nullptr);
    ~AlbumListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    AlbumQuery query() const { return m_query; }
    void setQuery(const AlbumQuery &query);
    void setFilterText(const QString &text);
    void setSort(AlbumSort sort);
    // Reads the current query again from the start. Nothing is read before the first call (the
    // application makes it once the store has opened); until then setQuery() only records.
    void reload();

    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    // Covers: a row repaints (dataChanged with CoverRole) when its cover is ready.
    void setCoverCache(CoverImageCache *covers);
    CoverImageCache *coverCache() const { return m_covers; }
    // The row's album as the grid paints it; null for a row out of range.
    const AlbumSummary *summaryAt(int row) const;
    // Albums matching the query in the whole store; -1 until counted.
    int totalCount() const { return m_totalCount; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void totalCountChanged(int count);
    void loadingChanged(bool loading);
    // A query (new filter, sort or reload) has its first page in the model.
    void queryApplied();
    void loadFailed(const QString &message);

private:
    enum class PageKind { Replace, Append, Refresh };
    void requestPage(PageKind kind);
    void applyPage(PageKind kind, quint64 generation, const SummaryPage &page);
    void requestCount(quint64 generation);
    void applyCount(quint64 generation, int count);
    void applyRefresh(const QList<AlbumSummary> &rows);
    void scheduleRefresh();
    void setLoading(bool loading);

    AlbumStore *m_store;
    QThreadPool *m_pool;
    AlbumQuery m_query;
    QList<AlbumSummary> m_rows;
    PageCursor m_cursor;
    bool m_atEnd = true;
    bool m_fetchInFlight = false;
    bool m_loading = false;
    bool m_refreshPending = false;
    bool m_started = false;
    bool m_fetchMoreWanted = false;
    int m_pageSize = defaultPageSize;
    int m_totalCount = -1;
    quint64 m_generation = 0;
    QTimer m_refreshTimer;
    CoverImageCache *m_covers = nullptr;
    // Album id to row, rebuilt when a cover arrives after the rows changed.
    mutable QHash<qint64, int> m_rowOf;
    mutable bool m_rowOfStale = true;
};

} // namespace aime
