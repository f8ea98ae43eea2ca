#include "descriptionpanel.h"

#include "ai/descriptionprompt.h"
#include "ai/descriptionservice.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

namespace aime {

DescriptionPanel::DescriptionPanel(QWidget *parent)
    : QWidget(parent),
      m_text(new QLabel(this)),
      m_caption(new QLabel(this)),
      m_message(new QLabel(this)),
      m_busy(new QProgressBar(this)),
      m_editor(new QPlainTextEdit(this)),
      m_generate(new QPushButton(tr("&Generate"), this)),
      m_edit(new QPushButton(tr("&Edit"), this)),
      m_save(new QPushButton(tr("&Save"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_why(new QToolButton(this)),
      m_whyText(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("descriptionPanel"));
    auto *heading = new QLabel(tr("Description"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);

    // The model's words are data: plain text, whatever markup they hold.
    m_text->setObjectName(QStringLiteral("descriptionText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setAccessibleName(tr("Description"));
    m_caption->setObjectName(QStringLiteral("descriptionCaption"));
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setWordWrap(true);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    m_message->setObjectName(QStringLiteral("descriptionMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    updateMessageColour();
    m_busy->setObjectName(QStringLiteral("descriptionBusy"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumHeight(6);
    m_busy->setTextVisible(false);
    m_editor->setObjectName(QStringLiteral("descriptionEditor"));
    m_editor->setAccessibleName(tr("Edit the description"));
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(160);
    m_generate->setObjectName(QStringLiteral("generateDescriptionButton"));
    m_edit->setObjectName(QStringLiteral("editDescriptionButton"));
    m_save->setObjectName(QStringLiteral("saveDescriptionButton"));
    m_why->setObjectName(QStringLiteral("whyThisTextButton"));
    m_why->setText(tr("Why this text"));
    m_why->setCheckable(true);
    m_why->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_why->setArrowType(Qt::RightArrow);
    m_why->setAutoRaise(true);
    m_whyText->setObjectName(QStringLiteral("whyThisText"));
    m_whyText->setReadOnly(true);
    m_whyText->setMaximumHeight(180);
    m_whyText->setAccessibleName(tr("What the model was given"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_generate);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_save);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(m_text);
    layout->addWidget(m_editor);
    layout->addWidget(m_caption);
    layout->addWidget(m_busy);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    layout->addWidget(m_why, 0, Qt::AlignLeft);
    layout->addWidget(m_whyText);

    connect(m_generate, &QPushButton::clicked, this, &DescriptionPanel::generate);
    connect(m_edit, &QPushButton::clicked, this, &DescriptionPanel::startEditing);
    connect(m_save, &QPushButton::clicked, this, [this] { stopEditing(true); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { stopEditing(false); });
    connect(m_why, &QToolButton::toggled, this, [this](bool open) {
        m_why->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        update();
    });
    clear();
}

void DescriptionPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateMessageColour();
    QWidget::changeEvent(event);
}

void DescriptionPanel::updateMessageColour()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    // Only this role is set: the others keep following the desktop's palette.
    QPalette messagePalette;
    messagePalette.setColor(QPalette::WindowText,
                            dark ? QColor(0xf2, 0x8b, 0x82) : QColor(0xb3, 0x26, 0x1e));
    m_message->setPalette(messagePalette);
}

void DescriptionPanel::setService(DescriptionService *service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (service) {
        connect(service, &DescriptionService::started, this, [this](qint64 albumId) {
            if (m_hasAlbum && albumId == m_album.id) {
                m_error.clear();
                update();
            }
        });
        connect(service, &DescriptionService::finished, this,
                [this](qint64 albumId, bool ok, const QString &message) {
                    if (!m_hasAlbum || albumId != m_album.id)
                        return;
                    m_error = ok ? QString() : message;
                    // The editor closes once the edit is stored; a failed save keeps the text.
                    if (m_savingEdit) {
                        m_savingEdit = false;
                        if (ok)
                            m_editing = false;
                    }
                    update();
                });
    }
    update();
}

void DescriptionPanel::clear()
{
    m_hasAlbum = false;
    m_album = Album();
    m_editing = false;
    m_error.clear();
    update();
}

void DescriptionPanel::showAlbum(const Album &album)
{
    if (!m_hasAlbum || album.id != m_album.id) {
        m_editing = false;
        m_savingEdit = false;
        m_error.clear();
    }
    m_album = album;
    m_hasAlbum = true;
    update();
}

void DescriptionPanel::generate()
{
    if (!m_service || !m_hasAlbum)
        return;
    if (!m_album.aiEdited || m_album.aiDescription.isEmpty()) {
        m_service->generate(m_album.id);
        return;
    }
    // The person's own words are not replaced without asking (a window-modal question, no
    // nested event loop).
    auto *ask = new QMessageBox(QMessageBox::Question, tr("Replace your text?"),
                                tr("You edited this description. Replace it with a new one "
                                   "from the model?"),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    ask->setObjectName(QStringLiteral("replaceEditedDescription"));
    ask->setDefaultButton(QMessageBox::Cancel);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 albumId = m_album.id;
    connect(ask, &QMessageBox::finished, this, [this, albumId](int result) {
        if (result == QMessageBox::Yes && m_service)
            m_service->generate(albumId, true);
    });
    ask->open();
}

void DescriptionPanel::startEditing()
{
    m_editing = true;
    m_editor->setPlainText(m_album.aiDescription);
    m_editor->moveCursor(QTextCursor::End);
    update();
    m_editor->setFocus(Qt::OtherFocusReason);
}

void DescriptionPanel::stopEditing(bool save)
{
    if (save && m_service && m_hasAlbum) {
        m_savingEdit = true;
        m_save->setEnabled(false);
        m_service->saveEdited(m_album.id, m_editor->toPlainText());
        return;
    }
    m_editing = false;
    update();
}

void DescriptionPanel::update()
{
    const bool busy = m_service && m_hasAlbum && m_service->isGenerating(m_album.id);
    const bool described = m_hasAlbum && !m_album.aiDescription.isEmpty();
    m_text->setVisible(!m_editing);
    m_text->setText(described        ? m_album.aiDescription
                        : m_hasAlbum ? tr("No description yet.")
                                     : QString());
    m_text->setForegroundRole(described ? QPalette::WindowText : QPalette::PlaceholderText);
    m_editor->setVisible(m_editing);

    const QLocale locale;
    QString caption;
    if (busy) {
        caption = m_service->model().isEmpty()
            ? tr("Writing a description…")
            : tr("Writing a description with %1…").arg(m_service->model());
    } else if (described && m_album.aiEdited) {
        caption = m_album.aiModel.isEmpty()
            ? tr("Edited by you, %1")
                  .arg(locale.toString(m_album.aiGeneratedAt.toLocalTime(), QLocale::ShortFormat))
            : tr("Edited by you, %1; first written by %2")
                  .arg(locale.toString(m_album.aiGeneratedAt.toLocalTime(), QLocale::ShortFormat),
                       m_album.aiModel);
    } else if (described) {
        caption
            = tr("Written by %1, %2")
                  .arg(m_album.aiModel,
                       locale.toString(m_album.aiGeneratedAt.toLocalTime(), QLocale::ShortFormat));
    }
    m_caption->setText(caption);
    m_caption->setVisible(!caption.isEmpty());
    m_busy->setVisible(busy);
    m_message->setText(m_error);
    m_message->setVisible(!m_error.isEmpty() && !busy);

    const bool usable = m_service && m_hasAlbum;
    m_generate->setText(described ? tr("&Regenerate") : tr("&Generate"));
    m_generate->setVisible(!m_editing);
    m_generate->setEnabled(usable && !busy);
    m_generate->setToolTip(usable ? tr("Ask the AI endpoint for three to five sentences from the "
                                       "facts below")
                                  : tr("No AI endpoint is set up"));
    m_edit->setVisible(!m_editing);
    m_edit->setEnabled(usable && !busy);
    m_edit->setText(described ? tr("&Edit") : tr("&Write…"));
    m_save->setVisible(m_editing);
    m_save->setEnabled(!m_savingEdit);
    m_cancel->setVisible(m_editing);

    m_why->setVisible(m_hasAlbum);
    m_whyText->setVisible(m_hasAlbum && m_why->isChecked());
    if (m_whyText->isVisible())
        m_whyText->setPlainText(tr("Instructions:") + u'\n' + DescriptionPrompt::systemPrompt()
                                + QStringLiteral("\n\n") + tr("Facts:") + u'\n'
                                + DescriptionPrompt::facts(m_album));
}

} // namespace aime
