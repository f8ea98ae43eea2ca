#pragma once

#include "domain/importjobrecord.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace aime {

class ImportManager;

// The jobs panel's rows: one per import job, newest first, following the ImportManager's
// signals row by row (never a reset after the first load). Running rows' elapsed time ticks
// once a second.
class ImportJobModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        ImportColumn,
        StateColumn,
        ProgressColumn,
        PhaseColumn,
        ElapsedColumn,
        ColumnCount
    };
    enum Role {
        JobIdRole = Qt::UserRole + 1,
        // 0..1000 for a known total, -1 when unknown (a busy bar).
        ProgressPermilleRole,
        StateRole, // JobState as int
    };

    explicit ImportJobModel(ImportManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    QModelIndex indexOfJob(qint64 id) const;
    ImportJobRecord recordAt(int row) const { return m_records.value(row); }

    static QString describe(const ImportJobRecord &record);
    static QString stateText(JobState state);

private:
    void reload();
    void onJobChanged(const ImportJobRecord &record);
    void onJobRemoved(qint64 id);
    int rowOf(qint64 id) const;

    ImportManager *m_manager;
    QList<ImportJobRecord> m_records;
    QTimer m_tick;
};

} // namespace aime
