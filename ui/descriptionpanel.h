#pragma once

#include "domain/album.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace aime {

class DescriptionService;

// The "Description" part of the details pane: the album's AI-written description as plain text
// (never rich text: the model's words are data), who wrote it and when, Generate / Regenerate,
// Edit (the person's text is kept and marked edited; regenerating it asks first), a progress
// state while the model writes, a clear message when it fails, and "Why this text": the
// instructions and facts the model was given.
class DescriptionPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DescriptionPanel(QWidget *parent = nullptr);

    // Until set, the panel shows the description but offers no Generate or Edit.
    void setService(DescriptionService *service);
    // Generate, or Regenerate after asking when the text is the person's own (Tools >
    // Describe selected album comes here too).
    void generate();
    void showAlbum(const Album &album);
    void clear();

    QLabel *textLabel() const { return m_text; }
    QPushButton *generateButton() const { return m_generate; }
    QPushButton *editButton() const { return m_edit; }
    QPlainTextEdit *editor() const { return m_editor; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *messageLabel() const { return m_message; }
    QToolButton *whyButton() const { return m_why; }
    QPlainTextEdit *whyText() const { return m_whyText; }

protected:
    void changeEvent(QEvent *event) override;

private:
    // The error text's red, chosen for the palette: dark red on light, light red on dark.
    void updateMessageColour();
    void startEditing();
    void stopEditing(bool save);
    void update();

    QPointer<DescriptionService> m_service;
    Album m_album;
    bool m_hasAlbum = false;
    bool m_editing = false;
    bool m_savingEdit = false;
    QString m_error;

    QLabel *m_text;
    QLabel *m_caption;
    QLabel *m_message;
    QProgressBar *m_busy;
    QPlainTextEdit *m_editor;
    QPushButton *m_generate;
    QPushButton *m_edit;
    QPushButton *m_save;
    QPushButton *m_cancel;
    QToolButton *m_why;
    QPlainTextEdit *m_whyText;
};

} // namespace aime
