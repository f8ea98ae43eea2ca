#include "importjobmodel.h"

#include "import/importmanager.h"

#include <QJsonArray>
#include <QLocale>
#include <QTextDocument>

namespace aime {

ImportJobModel::ImportJobModel(ImportManager *manager, QObject *parent)
    : QAbstractTableModel(parent), m_manager(manager)
{
    connect(m_manager, &ImportManager::loaded, this, &ImportJobModel::reload);
    connect(m_manager, &ImportManager::jobChanged, this, &ImportJobModel::onJobChanged);
    connect(m_manager, &ImportManager::jobRemoved, this, &ImportJobModel::onJobRemoved);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        for (int row = 0; row < m_records.size(); ++row) {
            if (m_records.at(row).state == JobState::Running) {
                // The time, and the countdown of a rate-limit wait.
                Q_EMIT dataChanged(index(row, PhaseColumn), index(row, ElapsedColumn),
                                   {Qt::DisplayRole});
            }
        }
    });
    m_tick.start();
    if (m_manager->isLoaded())
        reload();
}

void ImportJobModel::reload()
{
    beginResetModel();
    m_records = m_manager->jobs();
    endResetModel();
}

int ImportJobModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_records.size(); ++row) {
        if (m_records.at(row).id == id)
            return row;
    }
    return -1;
}

QModelIndex ImportJobModel::indexOfJob(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : index(row, 0);
}

void ImportJobModel::onJobChanged(const ImportJobRecord &record)
{
    const int row = rowOf(record.id);
    if (row >= 0) {
        m_records[row] = record;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_records.prepend(record);
    endInsertRows();
}

void ImportJobModel::onJobRemoved(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_records.removeAt(row);
    endRemoveRows();
}

int ImportJobModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int ImportJobModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImportJobModel::describe(const ImportJobRecord &record)
{
    const QString user = record.params.value(QStringLiteral("user")).toString();
    if (record.source == QLatin1String("discogs"))
        return tr("Discogs collection of %1").arg(user);
    if (record.source == QLatin1String("spotify"))
        return tr("Spotify saved albums");
    if (record.source == QLatin1String("covers"))
        return tr("Fetch missing covers");
    if (record.source == QLatin1String("describe")) {
        const int chosen = int(record.params.value(QStringLiteral("albums")).toArray().size());
        if (chosen == 0)
            return tr("Describe albums without a description");
        return chosen == 1 ? tr("Describe 1 album") : tr("Describe %1 albums").arg(chosen);
    }
    if (record.source == QLatin1String("album")) {
        const QString title = record.params.value(QStringLiteral("title")).toString();
        const QString artist = record.params.value(QStringLiteral("artist")).toString();
        return artist.isEmpty() ? tr("Add \u201c%1\u201d").arg(title)
                                : tr("Add \u201c%1\u201d by %2").arg(title, artist);
    }
    return record.source;
}

QString ImportJobModel::stateText(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return tr("Waiting");
    case JobState::Running:
        return tr("Running");
    case JobState::Completed:
        return tr("Done");
    case JobState::Failed:
        return tr("Failed");
    case JobState::Cancelled:
        return tr("Cancelled");
    case JobState::Interrupted:
        break;
    }
    return tr("Interrupted");
}

QVariant ImportJobModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_records.size())
        return {};
    const ImportJobRecord &record = m_records.at(index.row());
    if (role == JobIdRole)
        return record.id;
    if (role == StateRole)
        return int(record.state);
    if (role == ProgressPermilleRole) {
        if (record.state == JobState::Completed)
            return 1000;
        return record.total > 0 ? qMin(1000, int(qint64(record.done) * 1000 / record.total)) : -1;
    }
    // Provider text goes into the message: a tooltip must not read it as rich text.
    if (role == Qt::ToolTipRole && !record.error.isEmpty())
        return Qt::convertFromPlainText(record.error, Qt::WhiteSpaceNormal);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case ImportColumn:
        return describe(record);
    case StateColumn:
        return record.error.isEmpty()
            ? stateText(record.state)
            : stateText(record.state) + QLatin1String(": ") + record.error;
    case ProgressColumn:
        if (record.total <= 0)
            return record.done > 0 ? locale.toString(record.done) : QString();
        return tr("%1 of %2").arg(locale.toString(record.done), locale.toString(record.total));
    case PhaseColumn: {
        const QString phase = m_manager->phase(record.id);
        const QString waiting = m_manager->waiting(record.id);
        if (!phase.isEmpty())
            return waiting.isEmpty() ? phase : tr("%1 (%2)").arg(phase, waiting);
        const QString stored = record.cursor.value(QStringLiteral("phase")).toString();
        return stored == QLatin1String("details") ? tr("release details") : stored;
    }
    case ElapsedColumn: {
        if (!record.startedAt.isValid())
            return QString();
        const QDateTime end = record.state == JobState::Running ? QDateTime::currentDateTimeUtc()
                                                                : record.finishedAt;
        const qint64 seconds
            = qMax<qint64>(0, record.startedAt.secsTo(end.isValid() ? end : record.startedAt));
        return seconds >= 3600
            ? QStringLiteral("%1:%2:%3")
                  .arg(seconds / 3600)
                  .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                  .arg(seconds % 60, 2, 10, QLatin1Char('0'))
            : QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    default:
        return {};
    }
}

QVariant ImportJobModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ImportColumn:
        return tr("Import");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case PhaseColumn:
        return tr("Phase");
    case ElapsedColumn:
        return tr("Time");
    default:
        return {};
    }
}

} // namespace aime
