#include "albumlistmodel.h"

#include "core/futurecallback.h"
#include "coverimagecache.h"
#include "store/albumstore.h"

#include <QFuture>
#include <QLoggingCategory>
#include <QtConcurrent>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAlbumModel, "aime.models.albums", QtInfoMsg)

namespace aime {

namespace {

// Two page reads at once keep up with a fling without taking every read slot of the store.
constexpr int maxPageReads = 2;
// Pages painted while a fling passes them are asked for and forgotten again; only the newest
// few are worth reading.
constexpr int maxQueuedPages = 6;
// A refresh re-reads the pages looked at last (the screen and its neighbours); older ones are
// dropped and read again when painted.
constexpr int refreshedPages = 4;
// A page whose read failed is asked again after this, doubling up to the most.
constexpr int firstPageRetryMs = 500;
constexpr int maxPageRetryMs = 30000;

// Page `page`: by keyset after the page before it when its end is known, else by offset.
SummaryPage readPage(AlbumStore *store, const AlbumQuery &query, int page, int pageSize,
                     const PageCursor &after)
{
    return after.isStart() ? store->summariesAt(query, page * pageSize, pageSize)
                           : store->summaries(query, after, pageSize);
}

} // namespace

AlbumListModel::AlbumListModel(AlbumStore *store, QThreadPool *pool, QObject *parent)
    : QAbstractListModel(parent), m_store(store), m_pool(pool)
{
    // Imports write pages several times a second; one re-read of the window per interval keeps
    // the grid live without flooding the view with signals.
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(250);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] { requestWindow(false); });
    connect(m_store, &AlbumStore::albumsChanged, this, &AlbumListModel::scheduleRefresh,
            Qt::QueuedConnection);
}

AlbumListModel::~AlbumListModel() = default;

int AlbumListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

void AlbumListModel::setCoverCache(CoverImageCache *covers)
{
    if (m_covers)
        disconnect(m_covers, nullptr, this, nullptr);
    m_covers = covers;
    if (!covers)
        return;
    connect(covers, &CoverImageCache::coverReady, this, [this](qint64 albumId) {
        const int row = rowOf(albumId);
        if (row < 0)
            return;
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed, {CoverRole});
    });
}

int AlbumListModel::rowOf(qint64 albumId) const
{
    for (auto page = m_pages.cbegin(); page != m_pages.cend(); ++page) {
        const QList<AlbumSummary> &rows = page->rows;
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i).id == albumId) {
                const int row = page.key() * m_pageSize + i;
                return row < m_rowCount ? row : -1;
            }
        }
    }
    return -1;
}

const AlbumSummary *AlbumListModel::summaryAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const int page = row / m_pageSize;
    const auto held = m_pages.constFind(page);
    if (held == m_pages.cend()) {
        askForPage(page);
        return nullptr;
    }
    held->lastUse = ++m_useClock;
    const int offset = row - page * m_pageSize;
    return offset < held->rows.size() ? &held->rows.at(offset) : nullptr;
}

QVariant AlbumListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlbumSummary *album = summaryAt(index.row());
    if (role == LoadedRole)
        return album != nullptr;
    if (!album)
        return role == Qt::AccessibleTextRole ? tr("Loading…") : QVariant();
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return album->title;
    case Qt::ToolTipRole:
        return album->year > 0 ? tr("%1\n%2 (%3)").arg(album->title, album->artist).arg(album->year)
                               : tr("%1\n%2").arg(album->title, album->artist);
    case Qt::AccessibleTextRole:
        return tr("%1 by %2").arg(album->title, album->artist);
    case AlbumIdRole:
        return album->id;
    case ArtistRole:
        return album->artist;
    case YearRole:
        return album->year;
    case FormatRole:
        return album->format;
    case CoverFileRole:
        return album->coverFile;
    case AddedAtRole:
        return album->addedAt;
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
    names.insert(LoadedRole, "loaded");
    return names;
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
    m_refreshTimer.stop();
    m_refreshPending = false;
    requestWindow(true);
}

void AlbumListModel::scheduleRefresh()
{
    ++m_storeVersion;
    if (!m_started)
        return; // the first reload() reads everything anyway
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void AlbumListModel::updateLoading()
{
    const bool loading = m_windowInFlight || m_countInFlight || !m_pagesInFlight.isEmpty();
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void AlbumListModel::setTotalCount(int count)
{
    if (count == m_totalCount)
        return;
    m_totalCount = count;
    Q_EMIT totalCountChanged(count);
}

void AlbumListModel::requestWindow(bool replace)
{
    if (!replace && m_windowInFlight) {
        // Applied once the read in flight has landed, so the two never race.
        m_refreshPending = true;
        return;
    }
    if (replace) {
        ++m_generation;
        m_countInFlight = false;
        m_queuedPages.clear();
        m_pageFailures.clear();
    }
    // The store changed (or the query did): what failed may read now.
    m_pagesWaitingRetry.clear();
    m_windowInFlight = true;
    updateLoading();

    // A new query reads its first page; a refresh the pages looked at last, in row order so
    // each one after a neighbour is read by keyset.
    QList<int> wanted {0};
    if (!replace) {
        QList<std::pair<quint64, int>> byUse;
        for (auto page = m_pages.cbegin(); page != m_pages.cend(); ++page)
            byUse.append({page->lastUse, page.key()});
        std::sort(byUse.begin(), byUse.end(), std::greater<>());
        wanted.clear();
        for (int i = 0; i < qMin(refreshedPages, int(byUse.size())); ++i)
            wanted.append(byUse.at(i).second);
        std::sort(wanted.begin(), wanted.end());
    }

    const quint64 generation = m_generation;
    const quint64 storeVersion = m_storeVersion;
    const AlbumQuery query = m_query;
    const int pageSize = m_pageSize;
    AlbumStore *store = m_store;
    onFinished(QtConcurrent::run(
                   m_pool,
                   [store, query, wanted, pageSize, counted = !replace] {
                       Window window;
                       // A new query's count follows its first page (see
                       // applyCount), so the grid shows before the count.
                       if (counted) {
                           window.count = store->count(query);
                           if (window.count < 0) {
                               window.error = store->status().ok()
                                   ? AlbumListModel::tr("the albums cannot be counted")
                                   : store->status().message;
                               return window;
                           }
                       }
                       int previous = -2;
                       PageCursor cursor;
                       for (int page : wanted) {
                           if (counted && page > 0 && page * pageSize >= window.count)
                               break;
                           const SummaryPage read
                               = readPage(store, query, page, pageSize,
                                          page == previous + 1 ? cursor : PageCursor());
                           if (!read.error.isEmpty()) {
                               window.error = read.error;
                               return window;
                           }
                           window.pages.insert(page, Page {read.rows, read.next, read.atEnd});
                           cursor = read.next;
                           previous = page;
                       }
                       return window;
                   }),
               this, [this, replace, generation, storeVersion](const Window &window) {
                   applyWindow(replace, generation, storeVersion, window);
               });
}

void AlbumListModel::applyWindow(bool replace, quint64 generation, quint64 storeVersion,
                                 Window window)
{
    if (generation != m_generation) {
        // A newer query was asked for meanwhile; its own read is on the way.
        return;
    }
    m_windowInFlight = false;
    if (!window.error.isEmpty()) {
        updateLoading();
        qCWarning(lcAlbumModel) << "cannot read albums:" << window.error;
        Q_EMIT loadFailed(window.error);
        return;
    }
    m_appliedStoreVersion = storeVersion;
    for (Page &page : window.pages)
        page.lastUse = ++m_useClock;
    if (replace) {
        const Page &first = window.pages.value(0);
        const bool complete = first.atEnd;
        beginResetModel();
        m_rowCount = int(first.rows.size());
        m_pages = std::move(window.pages);
        m_pagesInFlight.clear();
        endResetModel();
        if (complete)
            setTotalCount(m_rowCount);
        updateLoading();
        Q_EMIT queryApplied();
        if (!complete)
            requestCount();
    } else {
        applyRefreshedWindow(window);
        setTotalCount(window.count);
        updateLoading();
    }
    if (m_refreshPending) {
        m_refreshPending = false;
        m_refreshTimer.start();
    }
    startQueuedReads();
}

void AlbumListModel::applyRefreshedWindow(const Window &window)
{
    // Rows whose album moved (or the count itself) make a layout change, in which persistent
    // indexes (selection, current album) follow their album wherever it is still held.
    bool moved = window.count != m_rowCount;
    for (auto page = window.pages.cbegin(); page != window.pages.cend() && !moved; ++page) {
        const auto old = m_pages.constFind(page.key());
        if (old == m_pages.cend())
            continue;
        if (old->rows.size() != page->rows.size()) {
            moved = true;
            break;
        }
        for (int i = 0; i < page->rows.size(); ++i) {
            if (old->rows.at(i).id != page->rows.at(i).id) {
                moved = true;
                break;
            }
        }
    }

    if (!moved) {
        m_pages = window.pages;
        m_pagesInFlight.clear();
        if (m_rowCount > 0)
            Q_EMIT dataChanged(index(0), index(m_rowCount - 1));
        return;
    }

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QList<qint64> albumOf;
    albumOf.reserve(persistent.size());
    for (const QModelIndex &held : persistent) {
        const int page = held.row() / m_pageSize;
        const auto old = m_pages.constFind(page);
        const int offset = held.row() - page * m_pageSize;
        albumOf.append(old != m_pages.cend() && offset < old->rows.size() ? old->rows.at(offset).id
                                                                          : 0);
    }
    m_pages = window.pages;
    m_pagesInFlight.clear();
    m_rowCount = window.count;
    QModelIndexList moves;
    moves.reserve(persistent.size());
    for (int i = 0; i < persistent.size(); ++i) {
        int row = albumOf.at(i) != 0 ? rowOf(albumOf.at(i)) : -1;
        if (row < 0)
            row = qMin(persistent.at(i).row(), m_rowCount - 1);
        moves.append(row >= 0 ? index(row) : QModelIndex());
    }
    changePersistentIndexList(persistent, moves);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void AlbumListModel::locate(qint64 albumId)
{
    const quint64 generation = m_generation;
    const AlbumQuery query = m_query;
    AlbumStore *store = m_store;
    onFinished(
        QtConcurrent::run(m_pool, [store, query, albumId] { return store->rowOf(query, albumId); }),
        this, [this, generation, albumId](int row) {
            // A new query since has other rows.
            if (generation != m_generation)
                return;
            Q_EMIT located(albumId, row >= 0 && row < m_rowCount ? row : -1);
        });
}

void AlbumListModel::requestCount()
{
    m_countInFlight = true;
    updateLoading();
    const quint64 generation = m_generation;
    const quint64 storeVersion = m_storeVersion;
    const AlbumQuery query = m_query;
    AlbumStore *store = m_store;
    onFinished(QtConcurrent::run(m_pool, [store, query] { return store->count(query); }), this,
               [this, generation, storeVersion](int count) {
                   if (generation != m_generation)
                       return;
                   m_countInFlight = false;
                   applyCount(count, storeVersion);
                   updateLoading();
                   startQueuedReads();
               });
}

void AlbumListModel::applyCount(int count, quint64 storeVersion)
{
    if (count < 0) {
        qCWarning(lcAlbumModel) << "cannot count the albums";
        Q_EMIT loadFailed(tr("the albums cannot be counted"));
        return;
    }
    // A refresh applied meanwhile has counted since; a refresh in flight will.
    if (storeVersion < m_appliedStoreVersion || m_windowInFlight)
        return;
    // The rows after the first page, as one range.
    if (count > m_rowCount) {
        beginInsertRows({}, m_rowCount, count - 1);
        m_rowCount = count;
        endInsertRows();
    } else if (count < m_rowCount) {
        beginRemoveRows({}, count, m_rowCount - 1);
        m_rowCount = count;
        endRemoveRows();
    }
    setTotalCount(count);
}

void AlbumListModel::askForPage(int page) const
{
    if (m_pagesInFlight.contains(page) || m_pagesWaitingRetry.contains(page) || !m_started)
        return;
    m_queuedPages.removeOne(page);
    m_queuedPages.append(page);
    while (m_queuedPages.size() > maxQueuedPages)
        m_queuedPages.removeFirst();
    if (!m_readsScheduled) {
        // Asked from inside painting; the read starts after it.
        m_readsScheduled = true;
        QMetaObject::invokeMethod(const_cast<AlbumListModel *>(this),
                                  &AlbumListModel::startQueuedReads, Qt::QueuedConnection);
    }
}

void AlbumListModel::startQueuedReads()
{
    m_readsScheduled = false;
    // A refresh or a new query in flight replaces the pages anyway.
    while (!m_windowInFlight && m_pagesInFlight.size() < maxPageReads && !m_queuedPages.isEmpty()) {
        const int page = m_queuedPages.takeLast();
        if (m_pages.contains(page) || page * m_pageSize >= m_rowCount)
            continue;
        m_pagesInFlight.insert(page);
        const auto before = m_pages.constFind(page - 1);
        const PageCursor after
            = before != m_pages.cend() && !before->next.isStart() ? before->next : PageCursor();
        const quint64 generation = m_generation;
        const quint64 storeVersion = m_storeVersion;
        const AlbumQuery query = m_query;
        const int pageSize = m_pageSize;
        AlbumStore *store = m_store;
        onFinished(QtConcurrent::run(m_pool,
                                     [store, query, after, page, pageSize] {
                                         return readPage(store, query, page, pageSize, after);
                                     }),
                   this, [this, page, generation, storeVersion](const SummaryPage &read) {
                       applyPage(page, generation, storeVersion, read);
                   });
    }
    updateLoading();
}

void AlbumListModel::applyPage(int page, quint64 generation, quint64 storeVersion,
                               const SummaryPage &read)
{
    if (generation != m_generation)
        return;
    m_pagesInFlight.remove(page);
    if (storeVersion < m_appliedStoreVersion) {
        // Read before the refresh that has since replaced the window; painting asks again.
        startQueuedReads();
        return;
    }
    if (!read.error.isEmpty()) {
        const int failures = ++m_pageFailures[page];
        m_pagesWaitingRetry.insert(page);
        qCWarning(lcAlbumModel) << "cannot read albums at row" << page * m_pageSize << ":"
                                << read.error;
        Q_EMIT loadFailed(read.error);
        // The rows repaint when the wait is over, and painting asks for the page again.
        const int retryMs = qMin(maxPageRetryMs, firstPageRetryMs << qMin(failures - 1, 8));
        QTimer::singleShot(retryMs, this, [this, page, generation] {
            if (generation != m_generation || !m_pagesWaitingRetry.remove(page))
                return;
            emitPageChanged(page);
        });
        startQueuedReads();
        return;
    }
    m_pageFailures.remove(page);
    insertPage(page, Page {read.rows, read.next, read.atEnd});
    emitPageChanged(page);
    startQueuedReads();
}

void AlbumListModel::insertPage(int page, Page contents)
{
    contents.lastUse = ++m_useClock;
    m_pages.insert(page, std::move(contents));
    while (m_pages.size() > m_residentLimit) {
        auto oldest = m_pages.begin();
        for (auto candidate = m_pages.begin(); candidate != m_pages.end(); ++candidate) {
            if (candidate->lastUse < oldest->lastUse)
                oldest = candidate;
        }
        m_pages.erase(oldest);
    }
}

void AlbumListModel::emitPageChanged(int page)
{
    const int first = page * m_pageSize;
    const int last = qMin(m_rowCount, first + m_pageSize) - 1;
    if (first <= last)
        Q_EMIT dataChanged(index(first), index(last));
}

} // namespace aime
