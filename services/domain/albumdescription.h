#pragma once

#include <QDateTime>
#include <QString>

namespace aime {

// An album's description as the albums table keeps it (ai_description, ai_model,
// ai_generated_at, ai_edited): the model's words, or the person's once edited.
struct AlbumDescription
{
    qint64 albumId = 0;
    QString text;
    QString model; // the model that wrote it; kept when the person edits the text
    QDateTime writtenAt; // UTC: when the model answered, or when the person saved an edit
    bool edited = false;
    // A model's text replaces the person's only when they said so (Regenerate, confirmed);
    // otherwise an edit made while the model was writing wins.
    bool replaceEdited = false;
};

} // namespace aime
