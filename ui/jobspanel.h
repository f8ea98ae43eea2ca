#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace aime {

class ImportJobModel;
class ImportManager;

// View > Jobs: one row per import with its state, a progress bar with "1,234 of 5,000", the
// phase and the time it has run; Cancel, Retry and Remove act on the selected job.
class JobsPanel : public QWidget
{
    Q_OBJECT

public:
    JobsPanel(ImportManager *manager, ImportJobModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *removeButton() const { return m_remove; }

    // Selects the job's row (a job started, or started again while it runs).
    void focusJob(qint64 id);

private:
    void updateButtons();
    qint64 selectedJob() const;

    ImportManager *m_manager;
    ImportJobModel *m_model;
    QTableView *m_view;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_remove;
    QPushButton *m_resumeAll;
};

} // namespace aime
