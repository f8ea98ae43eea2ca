#pragma once

#include "domain/importjobrecord.h"
#include "search/searchresults.h"
#include "search/searchsession.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <vector>

namespace aime {

class ImportManager;

// Search Online's results as a two-level tree: one group row per provider (your collection
// first, then the online ones in order of preference) carrying its state, and under it the
// albums found. An album several providers found is one row, under the group of the provider
// that found it first (rows never jump while a person looks at them), listing every provider
// that has it, preferred first; each provider's own entry stays reachable (entries()).
// search() cancels the previous session: nothing of an earlier query is ever shown.
class SearchResultModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        TitleColumn,
        ArtistColumn,
        YearColumn,
        FormatColumn,
        ProvidersColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        IsGroupRole = Qt::UserRole + 1,
        ProviderRole, // group: its provider; result: the preferred provider that has it
        StateRole, // group: SearchState as int
        StateTextRole, // group: "searching", "12 results", "timed out after 10 s", ...
        MessageRole, // group: why it failed or what to configure
        InCollectionRole, // result: bool
        CollectionAlbumIdRole, // result: qint64, 0 when not in the collection
        AddStateRole, // result: AddState as int
        CanAddRole, // result: bool, "Add to collection" would start a job
        CoverUrlRole,
        ArtistNameRole,
        TitleRole,
    };
    enum class AddState { None, Adding, Failed };
    Q_ENUM(AddState)

    explicit SearchResultModel(SearchServices services, QObject *parent = nullptr);
    ~SearchResultModel() override;

    // Online providers, preferred first (SearchSettings::providerOrder()).
    void setProviderOrder(const QStringList &order);
    QStringList providerOrder() const { return m_order; }
    void setTimeouts(SearchTimeouts timeouts) { m_timeouts = timeouts; }
    // Where "Add to collection" sends its jobs; without it, adding is not offered.
    void setImportManager(ImportManager *imports);

    // Starts a search for text (the previous one is cancelled); empty text just clears.
    void search(const QString &text);
    void clear();
    QString query() const { return m_query; }
    bool isSearching() const { return m_session && !m_session->isFinished(); }
    SearchSession *session() const { return m_session; }

    QModelIndex groupIndex(const QString &provider) const;
    bool isGroup(const QModelIndex &index) const;
    // The entries of a result row, preferred provider first.
    QList<SearchHit> entries(const QModelIndex &index) const;
    // Starts an "album" import job for the row from its preferred online provider. Returns
    // false (with *why) when it is already in the collection, being added, or cannot be added.
    bool addToCollection(const QModelIndex &index, QString *why = nullptr);
    int resultCount() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    static QString stateText(const ProviderResults &results);

Q_SIGNALS:
    void searchStarted(const QString &query);
    // A provider's group changed state (searching, done, timed out ...).
    void providerChanged(const QString &provider);
    void searchFinished();
    // A row added to the collection (its album id).
    void albumAdded(qint64 albumId);

private:
    struct Row
    {
        QList<SearchHit> entries; // preferred provider first
        AddState addState = AddState::None;
        QJsonObject addParams; // of the job that adds it
        QString addError;
        qint64 collectionAlbumId = 0;
    };
    struct Group
    {
        ProviderResults results;
        std::vector<std::unique_ptr<Row>> rows;
    };

    void onProviderChanged(const ProviderResults &results);
    void onJobChanged(const ImportJobRecord &record);
    void refreshCollectionIds(Row *row);
    int groupRow(const QString &provider) const;
    Row *rowAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Row *row, int column = 0) const;
    Row *findSameAlbum(const SearchHit &hit) const;
    void sortEntries(Row *row) const;
    int preference(const QString &provider) const;
    bool canAdd(const Row &row) const;

    SearchServices m_services;
    SearchTimeouts m_timeouts;
    QStringList m_order;
    QPointer<ImportManager> m_imports;
    QPointer<SearchSession> m_session;
    QString m_query;
    std::vector<std::unique_ptr<Group>> m_groups;
    QHash<QString, Row *> m_rowsByEntry; // provider + '\x1f' + external id
};

} // namespace aime
