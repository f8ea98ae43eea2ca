#include "searchresultmodel.h"

#include "core/futurecallback.h"
#include "import/importmanager.h"
#include "import/singlealbumimport.h"
#include "store/albumstore.h"

#include <QtConcurrent>

#include <algorithm>

namespace aime {

namespace {

QString entryKey(const QString &provider, const QString &externalId)
{
    return provider + u'\x1f' + externalId;
}

QString entryKey(const SearchHit &hit)
{
    // Hits without an id (no provider sends one today) must not collide.
    const QString id = hit.externalId();
    return entryKey(hit.provider, id.isEmpty() ? hit.album.artist + u'\x1e' + hit.album.title : id);
}

} // namespace

SearchResultModel::SearchResultModel(SearchServices services, QObject *parent)
    : QAbstractItemModel(parent), m_services(services), m_order(SearchSettings::normalisedOrder({}))
{ }

SearchResultModel::~SearchResultModel()
{
    if (m_session)
        m_session->cancel();
}

void SearchResultModel::setProviderOrder(const QStringList &order)
{
    m_order = SearchSettings::normalisedOrder(order);
}

void SearchResultModel::setImportManager(ImportManager *imports)
{
    if (m_imports)
        disconnect(m_imports, nullptr, this, nullptr);
    m_imports = imports;
    if (!imports)
        return;
    connect(imports, &ImportManager::jobChanged, this, &SearchResultModel::onJobChanged);
    connect(imports, &ImportManager::importRefused, this,
            [this](const QString &source, const QJsonObject &params, const QString &reason) {
                if (source != QLatin1String(SingleAlbumImport::source))
                    return;
                for (const auto &group : m_groups) {
                    for (const auto &row : group->rows) {
                        if (row->addState != AddState::Adding || row->addParams != params)
                            continue;
                        row->addState = AddState::Failed;
                        row->addError = reason;
                        const QModelIndex first = indexOf(row.get());
                        Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
                    }
                }
            });
}

void SearchResultModel::clear()
{
    search(QString());
}

void SearchResultModel::search(const QString &text)
{
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        m_session->cancel();
        m_session->deleteLater();
        m_session = nullptr;
    }
    m_query = text.simplified();
    QStringList providers {QLatin1String(SearchProviders::local)};
    providers += m_order;

    beginResetModel();
    m_groups.clear();
    m_rowsByEntry.clear();
    if (!m_query.isEmpty()) {
        for (const QString &provider : std::as_const(providers)) {
            auto group = std::make_unique<Group>();
            group->results.provider = provider;
            m_groups.push_back(std::move(group));
        }
    }
    endResetModel();
    if (m_query.isEmpty())
        return;

    m_session = new SearchSession(m_services, m_query, providers, m_timeouts, this);
    connect(m_session, &SearchSession::providerChanged, this,
            &SearchResultModel::onProviderChanged);
    connect(m_session, &SearchSession::finished, this, &SearchResultModel::searchFinished);
    Q_EMIT searchStarted(m_query);
    m_session->start();
}

int SearchResultModel::preference(const QString &provider) const
{
    if (provider == QLatin1String(SearchProviders::local))
        return -1;
    const qsizetype at = m_order.indexOf(provider);
    return at < 0 ? int(m_order.size()) : int(at);
}

void SearchResultModel::sortEntries(Row *row) const
{
    std::stable_sort(row->entries.begin(), row->entries.end(),
                     [this](const SearchHit &a, const SearchHit &b) {
                         return preference(a.provider) < preference(b.provider);
                     });
}

SearchResultModel::Row *SearchResultModel::findSameAlbum(const SearchHit &hit) const
{
    const QString barcode = SearchProviders::barcodeKey(hit.album);
    const QString work = SearchProviders::workKey(hit.album);
    for (const auto &group : m_groups) {
        for (const auto &row : group->rows) {
            // One row per album across providers; a provider's several releases of one album
            // (an LP and a CD) stay rows of their own.
            const bool sameProvider = std::any_of(
                row->entries.cbegin(), row->entries.cend(),
                [&](const SearchHit &entry) { return entry.provider == hit.provider; });
            if (sameProvider)
                continue;
            for (const SearchHit &entry : row->entries) {
                const QString entryBarcode = SearchProviders::barcodeKey(entry.album);
                if ((!barcode.isEmpty() && barcode == entryBarcode)
                    || (!work.isEmpty() && work == SearchProviders::workKey(entry.album)))
                    return row.get();
            }
        }
    }
    return nullptr;
}

void SearchResultModel::onProviderChanged(const ProviderResults &results)
{
    if (sender() != m_session)
        return;
    const int at = groupRow(results.provider);
    if (at < 0)
        return;
    Group &group = *m_groups[size_t(at)];
    group.results.state = results.state;
    group.results.message = results.message;
    group.results.elapsedMs = results.elapsedMs;
    group.results.hits = results.hits;

    const QModelIndex parent = index(at, 0);
    std::vector<std::unique_ptr<Row>> fresh;
    for (const SearchHit &hit : results.hits) {
        const QString key = entryKey(hit);
        if (m_rowsByEntry.contains(key))
            continue;
        if (Row *same = findSameAlbum(hit)) {
            same->entries.append(hit);
            sortEntries(same);
            if (same->collectionAlbumId == 0)
                same->collectionAlbumId = hit.collectionAlbumId;
            m_rowsByEntry.insert(key, same);
            const QModelIndex first = indexOf(same);
            Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
            continue;
        }
        auto row = std::make_unique<Row>();
        row->entries = {hit};
        row->collectionAlbumId = hit.collectionAlbumId;
        m_rowsByEntry.insert(key, row.get());
        fresh.push_back(std::move(row));
    }
    if (!fresh.empty()) {
        const int first = int(group.rows.size());
        beginInsertRows(parent, first, first + int(fresh.size()) - 1);
        for (auto &row : fresh)
            group.rows.push_back(std::move(row));
        endInsertRows();
    }
    Q_EMIT dataChanged(parent, parent.siblingAtColumn(ColumnCount - 1));
    Q_EMIT providerChanged(results.provider);
}

void SearchResultModel::onJobChanged(const ImportJobRecord &record)
{
    if (record.source != QLatin1String(SingleAlbumImport::source))
        return;
    if (record.state == JobState::Queued || record.state == JobState::Running)
        return;
    const QString provider = record.params.value(QStringLiteral("provider")).toString();
    const QString id = record.params.value(QStringLiteral("id")).toString();
    for (const auto &group : m_groups) {
        for (const auto &row : group->rows) {
            // A job that completes also settles rows it was not started from: a retry from the
            // Jobs panel, or the same album added during an earlier search.
            const bool concerned = row->addState == AddState::Adding
                || (record.state == JobState::Completed && row->collectionAlbumId == 0);
            if (!concerned)
                continue;
            bool matches = false;
            for (const SearchHit &entry : row->entries) {
                const QJsonObject entryParams = SingleAlbumImport::paramsFor(entry.album);
                matches = matches
                    || (entryParams.value(QStringLiteral("provider")).toString() == provider
                        && entryParams.value(QStringLiteral("id")).toString() == id);
            }
            if (!matches)
                continue;
            if (record.state == JobState::Completed) {
                refreshCollectionIds(row.get());
            } else {
                row->addState = AddState::Failed;
                row->addError = record.state == JobState::Cancelled ? tr("Cancelled.")
                    : record.state == JobState::Interrupted
                    ? tr("Interrupted; it goes on when the import is resumed.")
                    : record.error;
                const QModelIndex first = indexOf(row.get());
                Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
            }
        }
    }
}

void SearchResultModel::refreshCollectionIds(Row *row)
{
    QList<Album> albums;
    for (const SearchHit &entry : row->entries)
        albums.append(entry.album);
    AlbumStore *store = m_services.store;
    if (!store || !m_services.pool)
        return;
    // Rows live until the next search resets the model; the session says which search this is.
    const QPointer<SearchSession> session = m_session;
    onFinished(QtConcurrent::run(m_services.pool,
                                 [store, albums] { return store->collectionMatches(albums); }),
               this, [this, row, session](const QList<qint64> &ids) {
                   if (!session || session != m_session)
                       return;
                   qint64 found = 0;
                   for (qint64 id : ids)
                       found = found ? found : id;
                   row->addState = found ? AddState::None : AddState::Failed;
                   if (!found)
                       row->addError = tr("The album was stored but is not found again.");
                   row->collectionAlbumId = found;
                   const QModelIndex first = indexOf(row);
                   Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
                   if (found)
                       Q_EMIT albumAdded(found);
               });
}

bool SearchResultModel::addToCollection(const QModelIndex &index, QString *why)
{
    const auto refuse = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    Row *row = rowAt(index);
    if (!row)
        return refuse(tr("Select an album first."));
    if (row->collectionAlbumId != 0)
        return refuse(tr("It is already in your collection."));
    if (row->addState == AddState::Adding)
        return refuse(tr("It is being added."));
    if (!m_imports)
        return refuse(tr("Adding albums is not available here."));
    for (const SearchHit &entry : row->entries) {
        const QJsonObject params = SingleAlbumImport::paramsFor(entry.album);
        if (entry.provider == QLatin1String(SearchProviders::local) || params.isEmpty())
            continue;
        row->addState = AddState::Adding;
        row->addParams = params;
        row->addError.clear();
        const QModelIndex first = indexOf(row);
        Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
        m_imports->startImport(QLatin1String(SingleAlbumImport::source), params);
        return true;
    }
    return refuse(tr("No provider gives the details of this album."));
}

bool SearchResultModel::canAdd(const Row &row) const
{
    if (!m_imports || row.collectionAlbumId != 0 || row.addState == AddState::Adding)
        return false;
    return std::any_of(row.entries.cbegin(), row.entries.cend(), [](const SearchHit &entry) {
        return entry.provider != QLatin1String(SearchProviders::local)
            && !SingleAlbumImport::paramsFor(entry.album).isEmpty();
    });
}

int SearchResultModel::resultCount() const
{
    int count = 0;
    for (const auto &group : m_groups)
        count += int(group->rows.size());
    return count;
}

int SearchResultModel::groupRow(const QString &provider) const
{
    for (size_t i = 0; i < m_groups.size(); ++i) {
        if (m_groups[i]->results.provider == provider)
            return int(i);
    }
    return -1;
}

QModelIndex SearchResultModel::groupIndex(const QString &provider) const
{
    const int row = groupRow(provider);
    return row < 0 ? QModelIndex() : index(row, 0);
}

bool SearchResultModel::isGroup(const QModelIndex &index) const
{
    return index.isValid() && index.internalPointer() == nullptr;
}

SearchResultModel::Row *SearchResultModel::rowAt(const QModelIndex &index) const
{
    if (!index.isValid() || !index.internalPointer())
        return nullptr;
    const auto *group = static_cast<const Group *>(index.internalPointer());
    return size_t(index.row()) < group->rows.size() ? group->rows[size_t(index.row())].get()
                                                    : nullptr;
}

QModelIndex SearchResultModel::indexOf(const Row *row, int column) const
{
    for (const auto &group : m_groups) {
        for (size_t i = 0; i < group->rows.size(); ++i) {
            if (group->rows[i].get() == row)
                return createIndex(int(i), column, group.get());
        }
    }
    return {};
}

QList<SearchHit> SearchResultModel::entries(const QModelIndex &index) const
{
    const Row *row = rowAt(index);
    return row ? row->entries : QList<SearchHit>();
}

QModelIndex SearchResultModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return size_t(row) < m_groups.size() ? createIndex(row, column, nullptr) : QModelIndex();
    if (parent.internalPointer() || size_t(parent.row()) >= m_groups.size())
        return {};
    Group *group = m_groups[size_t(parent.row())].get();
    return size_t(row) < group->rows.size() ? createIndex(row, column, group) : QModelIndex();
}

QModelIndex SearchResultModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const auto *group = static_cast<const Group *>(child.internalPointer());
    for (size_t i = 0; i < m_groups.size(); ++i) {
        if (m_groups[i].get() == group)
            return createIndex(int(i), 0, nullptr);
    }
    return {};
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalPointer() || parent.column() != 0 || size_t(parent.row()) >= m_groups.size())
        return 0;
    return int(m_groups[size_t(parent.row())]->rows.size());
}

int SearchResultModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString SearchResultModel::stateText(const ProviderResults &results)
{
    const int count = int(results.hits.size());
    const QString counted = count == 1 ? tr("1 result") : tr("%1 results").arg(count);
    const QString seconds = QString::number(double(results.elapsedMs) / 1000.0, 'f', 1);
    switch (results.state) {
    case SearchState::Searching:
        return count == 0 ? tr("searching…") : tr("searching… %1 so far").arg(counted);
    case SearchState::Done:
        return count == 0 ? tr("no results") : counted;
    case SearchState::Timeout:
        return count == 0 ? tr("timed out after %1 s").arg(seconds)
                          : tr("timed out after %1 s, %2").arg(seconds, counted);
    case SearchState::Failed:
        return tr("failed");
    case SearchState::NotConfigured:
        return tr("not configured");
    }
    return {};
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (isGroup(index)) {
        if (size_t(index.row()) >= m_groups.size())
            return {};
        const ProviderResults &results = m_groups[size_t(index.row())]->results;
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() != TitleColumn)
                return {};
            return SearchProviders::displayName(results.provider);
        case Qt::ToolTipRole:
            return results.message.isEmpty() ? stateText(results) : results.message;
        case Qt::AccessibleDescriptionRole:
            return results.message.isEmpty() ? stateText(results)
                                             : stateText(results) + u": " + results.message;
        case IsGroupRole:
            return true;
        case ProviderRole:
            return results.provider;
        case StateRole:
            return int(results.state);
        case StateTextRole: {
            // Hits of this provider that joined a row of another group are said to be there.
            const Group *group = m_groups[size_t(index.row())].get();
            int elsewhere = 0;
            for (const SearchHit &hit : results.hits) {
                const Row *row = m_rowsByEntry.value(entryKey(hit));
                const bool here = std::any_of(group->rows.cbegin(), group->rows.cend(),
                                              [row](const auto &own) { return own.get() == row; });
                elsewhere += row && !here ? 1 : 0;
            }
            if (elsewhere == 0)
                return stateText(results);
            return tr("%1 (%2 listed with another provider)")
                .arg(stateText(results))
                .arg(elsewhere);
        }
        case MessageRole:
            return results.message;
        default:
            return {};
        }
    }

    const Row *row = rowAt(index);
    if (!row || row->entries.isEmpty())
        return {};
    const SearchHit &preferred = row->entries.first();
    const Album &album = preferred.album;
    QStringList providers;
    for (const SearchHit &entry : row->entries) {
        const QString name = SearchProviders::displayName(entry.provider);
        if (!providers.contains(name))
            providers.append(name);
    }
    const bool inCollection = row->collectionAlbumId != 0;
    const auto statusText = [&]() -> QString {
        if (inCollection)
            return tr("In collection");
        if (row->addState == AddState::Adding)
            return tr("Adding…");
        if (row->addState == AddState::Failed)
            return tr("Not added");
        return {};
    };

    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case TitleColumn:
            return album.title;
        case ArtistColumn:
            return album.artist;
        case YearColumn:
            return album.year > 0 ? QString::number(album.year) : QString();
        case FormatColumn:
            return album.format;
        case ProvidersColumn:
            return providers.join(QStringLiteral(" · "));
        case StatusColumn:
            return statusText();
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QString tip = tr("%1 by %2").arg(album.title, album.artist);
        if (album.year > 0)
            tip += QStringLiteral(" (%1)").arg(album.year);
        tip += u'\n' + tr("Found on: %1").arg(providers.join(QStringLiteral(", ")));
        if (row->addState == AddState::Failed && !row->addError.isEmpty())
            tip += u'\n' + tr("Not added: %1").arg(row->addError);
        return tip;
    }
    case IsGroupRole:
        return false;
    case ProviderRole:
        return preferred.provider;
    case InCollectionRole:
        return inCollection;
    case CollectionAlbumIdRole:
        return row->collectionAlbumId;
    case AddStateRole:
        return int(row->addState);
    case CanAddRole:
        return canAdd(*row);
    case CoverUrlRole:
        for (const SearchHit &entry : row->entries) {
            if (!entry.album.coverUrl.isEmpty())
                return entry.album.coverUrl;
        }
        return QString();
    case ArtistNameRole:
        return album.artist;
    case TitleRole:
        return album.title;
    default:
        return {};
    }
}

QVariant SearchResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case ArtistColumn:
        return tr("Artist");
    case YearColumn:
        return tr("Year");
    case FormatColumn:
        return tr("Format");
    case ProvidersColumn:
        return tr("Found on");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags SearchResultModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (isGroup(index))
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace aime
