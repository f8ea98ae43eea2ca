#include "albumlistmodel.h"

#include "core/futurecallback.h"
#include "coverimagecache.h"
#include "store/albumstore.h"

#include <QFuture>
#include <QHash>
#include <QLoggingCategory>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcAlbumModel, "aime.models.albums", QtInfoMsg)

namespace aime {

AlbumListModel::AlbumListModel(AlbumStore *store, QThreadPool *pool, QObject *parent)
    : QAbstractListModel(parent), m_store(store), m_pool(pool)
{
    // Imports write pages several times a second; one re-read of the window per interval keeps
    // the grid live without flooding the view with signals.
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(250);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] { requestPage(PageKind::Refresh); });
    connect(m_store, &AlbumStore::albumsChanged, this, &AlbumListModel::scheduleRefresh,
            Qt::QueuedConnection);
}

AlbumListModel::~AlbumListModel() = default;

int AlbumListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

void AlbumListModel::setCoverCache(CoverImageCache *covers)
{
    if (m_covers)
        disconnect(m_covers, nullptr, this, nullptr);
    m_covers = covers;
    if (!covers)
        return;
    connect(covers, &CoverImageCache::coverReady, this, [this](qint64 albumId) {
        if (m_rowOfStale) {
            m_rowOf.clear();
            m_rowOf.reserve(m_rows.size());
            for (int row = 0; row < m_rows.size(); ++row)
                m_rowOf.insert(m_rows.at(row).id, row);
            m_rowOfStale = false;
        }
        const auto row = m_rowOf.constFind(albumId);
        if (row == m_rowOf.constEnd() || *row >= m_rows.size() || m_rows.at(*row).id != albumId)
            return;
        const QModelIndex changed = index(*row);
        Q_EMIT dataChanged(changed, changed, {CoverRole});
    });
}

const AlbumSummary *AlbumListModel::summaryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

QVariant AlbumListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlbumSummary &album = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return album.title;
    case Qt::ToolTipRole:
        return album.year > 0 ? tr("%1\n%2 (%3)").arg(album.title, album.artist).arg(album.year)
                              : tr("%1\n%2").arg(album.title, album.artist);
    case Qt::AccessibleTextRole:
        return tr("%1 by %2").arg(album.title, album.artist);
    case AlbumIdRole:
        return album.id;
    case ArtistRole:
        return album.artist;
    case YearRole:
        return album.year;
    case FormatRole:
        return album.format;
    case CoverFileRole:
        return album.coverFile;
    case AddedAtRole:
        return album.addedAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> AlbumListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(AlbumIdRole, "albumId");
    names.insert(TitleRole, "title");
    names.insert(ArtistRole, "artist");
    names.insert(YearRole, "year");
    names.insert(FormatRole, "format");
    names.insert(CoverFileRole, "coverFile");
    names.insert(AddedAtRole, "addedAt");
    return names;
}

bool AlbumListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void AlbumListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    if (m_fetchInFlight) {
        // The view asks once, when it reaches the end; a request dropped here would leave it
        // waiting at the bottom for good, so it is served when the page in flight lands.
        m_fetchMoreWanted = true;
        return;
    }
    requestPage(PageKind::Append);
}

void AlbumListModel::setQuery(const AlbumQuery &query)
{
    if (query == m_query)
        return;
    m_query = query;
    if (m_started)
        reload();
}

void AlbumListModel::setFilterText(const QString &text)
{
    AlbumQuery query = m_query;
    query.filterText = text;
    setQuery(query);
}

void AlbumListModel::setSort(AlbumSort sort)
{
    AlbumQuery query = m_query;
    query.sort = sort;
    setQuery(query);
}

void AlbumListModel::reload()
{
    m_started = true;
    m_fetchMoreWanted = false;
    m_refreshTimer.stop();
    m_refreshPending = false;
    requestPage(PageKind::Replace);
}

void AlbumListModel::scheduleRefresh()
{
    if (!m_started)
        return; // the first reload() reads everything anyway
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void AlbumListModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void AlbumListModel::requestPage(PageKind kind)
{
    if (kind == PageKind::Refresh && m_fetchInFlight) {
        // Applied once the page in flight has landed, so the two never race.
        m_refreshPending = true;
        return;
    }
    if (kind == PageKind::Replace)
        ++m_generation;
    m_fetchInFlight = true;
    setLoading(true);

    const quint64 generation = m_generation;
    const AlbumQuery query = m_query;
    const PageCursor after = kind == PageKind::Append ? m_cursor : PageCursor();
    const int limit = kind == PageKind::Refresh ? qMax(m_pageSize, int(m_rows.size())) : m_pageSize;
    AlbumStore *store = m_store;
    onFinished(
        QtConcurrent::run(
            m_pool, [store, query, after, limit] { return store->summaries(query, after, limit); }),
        this, [this, kind, generation](const SummaryPage &page) {
            applyPage(kind, generation, page);
            // The count must visit every match; asked for once the page is shown so the
            // two never compete for the cores while the person waits for the grid.
            if (kind != PageKind::Append && generation == m_generation && page.error.isEmpty())
                requestCount(generation);
        });
}

void AlbumListModel::requestCount(quint64 generation)
{
    AlbumStore *store = m_store;
    const AlbumQuery query = m_query;
    onFinished(QtConcurrent::run(m_pool, [store, query] { return store->count(query); }), this,
               [this, generation](int count) { applyCount(generation, count); });
}

void AlbumListModel::applyCount(quint64 generation, int count)
{
    if (generation != m_generation || count < 0 || count == m_totalCount)
        return;
    m_totalCount = count;
    Q_EMIT totalCountChanged(count);
}

void AlbumListModel::applyPage(PageKind kind, quint64 generation, const SummaryPage &page)
{
    if (generation != m_generation) {
        // A newer query was asked for meanwhile; its own page is on the way.
        return;
    }
    m_fetchInFlight = false;
    setLoading(false);
    if (!page.error.isEmpty()) {
        qCWarning(lcAlbumModel) << "cannot read albums:" << page.error;
        Q_EMIT loadFailed(page.error);
        return;
    }
    // Views call fetchMore() from inside the insert signals, so the cursor must be current
    // before any of them is emitted.
    m_cursor = page.next;
    m_atEnd = page.atEnd;
    switch (kind) {
    case PageKind::Replace:
        beginResetModel();
        m_rows = page.rows;
        m_rowOfStale = true;
        endResetModel();
        break;
    case PageKind::Append:
        if (!page.rows.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size() - 1));
            m_rows.append(page.rows);
            m_rowOfStale = true;
            endInsertRows();
        }
        break;
    case PageKind::Refresh:
        applyRefresh(page.rows);
        break;
    }
    if (kind == PageKind::Replace)
        Q_EMIT queryApplied();
    if (m_refreshPending) {
        m_refreshPending = false;
        scheduleRefresh();
    }
    if (m_fetchMoreWanted && !m_fetchInFlight) {
        m_fetchMoreWanted = false;
        if (!m_atEnd)
            requestPage(PageKind::Append);
    }
}

void AlbumListModel::applyRefresh(const QList<AlbumSummary> &rows)
{
    QHash<qint64, int> newPosition;
    newPosition.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i)
        newPosition.insert(rows.at(i).id, i);

    // Albums that left the window (merged away, or pushed past its end) go first, as ranges.
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (newPosition.contains(m_rows.at(row).id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !newPosition.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        m_rowOfStale = true;
        endRemoveRows();
        row = first - 1;
    }

    // The survivors keep their relative order unless an edit changed a sort key; then the
    // window is laid out anew in one step.
    int lastPosition = -1;
    for (const AlbumSummary &album : std::as_const(m_rows)) {
        const int position = newPosition.value(album.id);
        if (position < lastPosition) {
            beginResetModel();
            m_rows = rows;
            m_rowOfStale = true;
            endResetModel();
            return;
        }
        lastPosition = position;
    }

    // New albums arrive as contiguous range inserts at their sorted places.
    QSet<qint64> present;
    present.reserve(m_rows.size());
    for (const AlbumSummary &album : std::as_const(m_rows))
        present.insert(album.id);
    for (int i = 0; i < rows.size();) {
        if (present.contains(rows.at(i).id)) {
            ++i;
            continue;
        }
        int end = i;
        while (end + 1 < rows.size() && !present.contains(rows.at(end + 1).id))
            ++end;
        beginInsertRows({}, i, end);
        for (int j = i; j <= end; ++j)
            m_rows.insert(j, rows.at(j));
        m_rowOfStale = true;
        endInsertRows();
        i = end + 1;
    }
    if (!m_rows.isEmpty()) {
        m_rows = rows;
        m_rowOfStale = true;
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
    }
}

} // namespace aime
