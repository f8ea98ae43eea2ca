#include "tracklistnotice.h"

#include "import/discogscollectionimport.h"
#include "import/importmanager.h"
#include "import/singlealbumimport.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace aime {

namespace {

// The Discogs release an album has, when it has one: its details carry the tracklist.
const SourceRef *discogsRelease(const Album &album)
{
    for (const SourceRef &source : album.sources) {
        bool numeric = false;
        if (source.provider == QLatin1String("discogs") && source.externalId.toLongLong(&numeric)
            && numeric)
            return &source;
    }
    return nullptr;
}

} // namespace

TracklistNotice::TracklistNotice(QWidget *parent)
    : QWidget(parent),
      m_text(new QLabel(this)),
      m_fetch(new QPushButton(tr("&Fetch from Discogs"), this))
{
    setObjectName(QStringLiteral("detailsNoTracks"));
    m_text->setObjectName(QStringLiteral("detailsNoTracksText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    m_fetch->setObjectName(QStringLiteral("fetchTracklistButton"));
    m_fetch->setToolTip(
        tr("Fetch this release's details (tracklist, barcode, genres) from Discogs"));
    m_fetch->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_fetch, 0, Qt::AlignTop);
    connect(m_fetch, &QPushButton::clicked, this, [this] {
        if (m_imports && !m_fetchParams.isEmpty())
            m_imports->startImport(QLatin1String(SingleAlbumImport::source), m_fetchParams);
        update();
    });
}

void TracklistNotice::setImportManager(ImportManager *imports)
{
    m_imports = imports;
    if (imports)
        connect(imports, &ImportManager::jobChanged, this, &TracklistNotice::update);
}

void TracklistNotice::showFor(const Album &album)
{
    m_album = album;
    m_fetchParams = {};
    if (const SourceRef *release = discogsRelease(album)) {
        Album fetched = album;
        fetched.sources = {*release};
        m_fetchParams = SingleAlbumImport::paramsFor(fetched);
    }
    update();
}

QString TracklistNotice::text() const
{
    return m_text->text();
}

bool TracklistNotice::jobRunning(const QString &source, const QJsonObject &params) const
{
    if (!m_imports)
        return false;
    const QList<ImportJobRecord> jobs = m_imports->jobs();
    return std::any_of(jobs.cbegin(), jobs.cend(), [&](const ImportJobRecord &job) {
        return job.source == source
            && (job.state == JobState::Running || job.state == JobState::Queued)
            && (params.isEmpty()
                || job.params.value(QStringLiteral("id")) == params.value(QStringLiteral("id")));
    });
}

TracklistNotice::Reason TracklistNotice::reasonFor(const Album &album) const
{
    if (!m_fetchParams.isEmpty()) {
        if (jobRunning(QLatin1String(SingleAlbumImport::source), m_fetchParams))
            return Reason::DetailsBeingFetched;
        if (jobRunning(QLatin1String(DiscogsCollectionImport::source), {}))
            return Reason::DetailsOnTheirWay;
        return Reason::DetailsNotFetched;
    }
    const bool fromFile
        = std::any_of(album.sources.cbegin(), album.sources.cend(), [](const SourceRef &source) {
              return source.provider == QLatin1String("local");
          });
    return fromFile ? Reason::File : Reason::Unknown;
}

void TracklistNotice::update()
{
    const Reason reason = reasonFor(m_album);
    switch (reason) {
    case Reason::DetailsOnTheirWay:
        m_text->setText(tr("No tracklist yet: the Discogs import that is running brings it with "
                           "the release details."));
        break;
    case Reason::DetailsBeingFetched:
        m_text->setText(tr("Fetching the tracklist from Discogs…"));
        break;
    case Reason::DetailsNotFetched:
        m_text->setText(m_imports ? tr("No tracklist yet: this release's details have not been "
                                       "fetched from Discogs.")
                                  : tr("No tracklist yet: this release's details have not been "
                                       "fetched from Discogs (Import > Discogs collection… "
                                       "fetches them)."));
        break;
    case Reason::File:
        m_text->setText(tr("No tracklist: the file this album came from lists none, and it "
                           "names no Discogs release to ask."));
        break;
    case Reason::Unknown:
        m_text->setText(tr("No tracklist is known for this album."));
        break;
    }
    m_fetch->setVisible(m_imports && reason == Reason::DetailsNotFetched);
}

} // namespace aime
