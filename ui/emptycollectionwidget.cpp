#include "emptycollectionwidget.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace aime {

EmptyCollectionWidget::EmptyCollectionWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("emptyCollection"));
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);

    auto *heading = new QLabel(tr("Your album collection is empty"), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.6);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    heading->setAlignment(Qt::AlignCenter);
    layout->addWidget(heading);

    auto *explanation = new QLabel(
        tr("AIME keeps your albums in one place: browse them as a wall of covers, search them "
           "as you type, and see every detail of each release. Fill it from one of these:"),
        this);
    explanation->setWordWrap(true);
    explanation->setAlignment(Qt::AlignCenter);
    explanation->setFixedWidth(480);
    // A word-wrapped label in a box layout is not asked for its height at its width.
    explanation->setMinimumHeight(explanation->heightForWidth(480));
    layout->addWidget(explanation, 0, Qt::AlignHCenter);
    layout->addSpacing(16);

    const auto addButton = [&](const QString &text, const QString &objectName, bool enabled,
                               const QString &toolTip) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(objectName);
        button->setEnabled(enabled);
        button->setToolTip(toolTip);
        button->setMinimumWidth(320);
        layout->addWidget(button, 0, Qt::AlignHCenter);
        return button;
    };
    auto *csv
        = addButton(tr("Import a Discogs CSV export…"), QStringLiteral("importCsvButton"), true,
                    tr("On discogs.com: Collection > Export, then pick the file here."));
    auto *sample = addButton(tr("Load the sample collection"), QStringLiteral("loadSampleButton"),
                             true, tr("651 well-known albums to try AIME with."));
    auto *discogs = addButton(tr("Import your Discogs collection…"),
                              QStringLiteral("importDiscogsButton"), true,
                              tr("Reads your collection on discogs.com, then each release's "
                                 "details, in the background."));
    auto *spotify = addButton(tr("Import your Spotify saved albums…"),
                              QStringLiteral("importSpotifyButton"), true,
                              tr("Connect Spotify in Preferences, then import the albums saved "
                                 "in your library."));
    sample->setDefault(true);
    layout->addStretch(3);

    connect(csv, &QPushButton::clicked, this, &EmptyCollectionWidget::importDiscogsCsvRequested);
    connect(sample, &QPushButton::clicked, this, &EmptyCollectionWidget::loadSampleRequested);
    connect(discogs, &QPushButton::clicked, this,
            &EmptyCollectionWidget::importDiscogsCollectionRequested);
    connect(spotify, &QPushButton::clicked, this, &EmptyCollectionWidget::importSpotifyRequested);
}

} // namespace aime
