#include "importprogresswidget.h"

#include "import/discogscsvimport.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace aime {

ImportProgressWidget::ImportProgressWidget(AlbumStore *store, QThreadPool *pool, QWidget *parent)
    : QWidget(parent),
      m_store(store),
      m_pool(pool),
      m_label(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("importProgress"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    m_progress->setObjectName(QStringLiteral("importProgressBar"));
    m_progress->setAccessibleName(tr("Import progress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(200);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_cancel->setObjectName(QStringLiteral("importCancelButton"));
    m_cancel->setToolTip(tr("Stop the import; albums read so far stay in the collection."));
    layout->addWidget(m_cancel);
    hide();

    connect(m_cancel, &QPushButton::clicked, this, &ImportProgressWidget::cancel);
    connect(&m_watcher, &QFutureWatcher<CsvImportReport>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcher<CsvImportReport>::progressTextChanged, this,
            [this](const QString &text) {
                m_label->setText(tr("Importing %1: %2").arg(m_displayName, text));
            });
    connect(&m_watcher, &QFutureWatcher<CsvImportReport>::finished, this, [this] {
        hide();
        CsvImportReport report;
        if (m_watcher.future().resultCount() > 0)
            report = m_watcher.result();
        else
            report.fatalError = tr("The import stopped unexpectedly.");
        Q_EMIT finished(m_displayName, report);
    });
}

ImportProgressWidget::~ImportProgressWidget()
{
    // The worker stops at its next page; the application's pool waits for it before the store
    // goes away.
    cancel();
}

bool ImportProgressWidget::start(const QString &path, const QString &displayName)
{
    if (isRunning())
        return false;
    m_displayName = displayName;
    m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_label->setText(tr("Importing %1…").arg(displayName));
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    show();
    m_watcher.setFuture(DiscogsCsvImport::start(m_pool, m_store, path, m_cancelFlag));
    Q_EMIT started(displayName);
    return true;
}

void ImportProgressWidget::cancel()
{
    if (!m_cancelFlag || !isRunning())
        return;
    m_cancelFlag->store(true);
    m_cancel->setEnabled(false);
    m_label->setText(tr("Cancelling %1…").arg(m_displayName));
}

} // namespace aime
