#include "detailspane.h"

#include "ai/descriptionservice.h"
#include "coverimagecache.h"
#include "coverplaceholder.h"
#include "descriptionpanel.h"
#include "store/albumstore.h"
#include "tracklistnotice.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace aime {

namespace {

constexpr int coverPixels = 240;
constexpr int largeCoverPixels = 500;

QLabel *plainLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QString durationText(qint64 ms)
{
    if (ms <= 0)
        return {};
    const qint64 seconds = ms / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString providerName(const QString &provider)
{
    if (provider == QLatin1String("discogs"))
        return DetailsPane::tr("Discogs");
    if (provider == QLatin1String("spotify"))
        return DetailsPane::tr("Spotify");
    if (provider == QLatin1String("musicbrainz"))
        return DetailsPane::tr("MusicBrainz");
    if (provider == QLatin1String("local"))
        return DetailsPane::tr("Imported file");
    return provider;
}

// Each part escaped; a link only for http(s) URLs, so nothing from outside becomes markup.
QString sourcesHtml(const QList<SourceRef> &sources)
{
    QStringList lines;
    for (const SourceRef &source : sources) {
        QStringList parts {providerName(source.provider).toHtmlEscaped()};
        if (!source.format.isEmpty())
            parts.append(source.format.toHtmlEscaped());
        if (!source.catalogNumber.isEmpty())
            parts.append(source.catalogNumber.toHtmlEscaped());
        QString line = parts.join(QStringLiteral(" \u00b7 "));
        const QUrl url(source.url);
        if (url.isValid()
            && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))) {
            line += QStringLiteral(" \u2014 <a href=\"%1\">%2</a>")
                        .arg(QString::fromUtf8(url.toEncoded()).toHtmlEscaped(),
                             DetailsPane::tr("open").toHtmlEscaped());
        }
        lines.append(line);
    }
    return lines.join(QLatin1String("<br>"));
}

} // namespace

DetailsPane::DetailsPane(AlbumStore *store, QThreadPool *pool, QWidget *parent)
    : QWidget(parent), m_store(store), m_pool(pool), m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("detailsPane"));
    setAccessibleName(tr("Album details"));
    // A Tab stop of its own, so keyboard and screen-reader users reach the pane even before an
    // album (and with it the pane's buttons) is shown.
    setFocusPolicy(Qt::TabFocus);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_pages);

    auto *nothing = new QLabel(tr("Select an album to see its details."), m_pages);
    nothing->setObjectName(QStringLiteral("detailsPlaceholder"));
    nothing->setAlignment(Qt::AlignCenter);
    nothing->setWordWrap(true);
    // Quiet but readable: a disabled label is too faint in several light themes.
    nothing->setForegroundRole(QPalette::PlaceholderText);
    m_pages->addWidget(nothing);

    // A describe job (or an import) may change the album shown.
    connect(
        store, &AlbumStore::albumsChanged, this,
        [this](const QList<qint64> &albumIds) {
            if (m_albumId != 0 && albumIds.contains(m_albumId))
                refresh();
        },
        Qt::QueuedConnection);
    connect(&m_loader, &QFutureWatcher<std::optional<Album>>::finished, this, [this] {
        if (!m_loader.isCanceled())
            present(m_loader.result());
    });
}

DetailsPane::~DetailsPane() = default;

// The album page is built for the first album shown: laying out its labels and track list
// would take a few milliseconds of every start, for a page an empty collection never shows.
void DetailsPane::ensureAlbumPage()
{
    if (m_description)
        return;
    auto *scroll = new QScrollArea(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);

    m_cover = new QLabel(content);
    m_cover->setObjectName(QStringLiteral("detailsCover"));
    m_cover->setFixedSize(coverPixels, coverPixels);
    layout->addWidget(m_cover, 0, Qt::AlignHCenter);
    m_openImage = new QPushButton(tr("&Open image"), content);
    m_openImage->setObjectName(QStringLiteral("openCoverButton"));
    m_openImage->setToolTip(tr("Open the cover in the image viewer"));
    m_copyImage = new QPushButton(tr("Cop&y image"), content);
    m_copyImage->setObjectName(QStringLiteral("copyCoverButton"));
    auto *coverButtons = new QHBoxLayout;
    coverButtons->addStretch(1);
    coverButtons->addWidget(m_openImage);
    coverButtons->addWidget(m_copyImage);
    coverButtons->addStretch(1);
    layout->addLayout(coverButtons);
    connect(m_openImage, &QPushButton::clicked, this, [this] {
        QString file = m_covers && m_shown ? m_covers->fileOf(m_shown->id) : QString();
        if (file.isEmpty() && m_shown)
            file = m_shown->coverFile;
        if (!file.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(file));
    });
    connect(m_copyImage, &QPushButton::clicked, this, [this] {
        if (!m_cover->pixmap().isNull())
            QGuiApplication::clipboard()->setPixmap(m_cover->pixmap());
    });

    m_title = plainLabel(content, QStringLiteral("detailsTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_artist = plainLabel(content, QStringLiteral("detailsArtist"));
    QFont artistFont = m_artist->font();
    artistFont.setPointSizeF(artistFont.pointSizeF() * 1.15);
    m_artist->setFont(artistFont);
    layout->addWidget(m_artist);

    auto *form = new QFormLayout;
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    m_year = addField(form, tr("Year"), QStringLiteral("detailsYear"));
    m_label = addField(form, tr("Label"), QStringLiteral("detailsLabel"));
    m_format = addField(form, tr("Format"), QStringLiteral("detailsFormat"));
    m_genres = addField(form, tr("Genres"), QStringLiteral("detailsGenres"));
    m_barcode = addField(form, tr("Barcode"), QStringLiteral("detailsBarcode"));
    m_added = addField(form, tr("Added"), QStringLiteral("detailsAdded"));
    m_sources = new QLabel(content);
    m_sources->setObjectName(QStringLiteral("detailsSources"));
    m_sources->setTextFormat(Qt::RichText);
    m_sources->setOpenExternalLinks(true);
    m_sources->setWordWrap(true);
    m_sources->setTextInteractionFlags(Qt::TextBrowserInteraction);
    form->addRow(tr("Sources"), m_sources);
    layout->addLayout(form);

    m_description = new DescriptionPanel(content);
    m_description->setService(m_descriptions);
    layout->addWidget(m_description);

    auto *tracksHeading = new QLabel(tr("Tracks"), content);
    QFont headingFont = tracksHeading->font();
    headingFont.setBold(true);
    tracksHeading->setFont(headingFont);
    layout->addWidget(tracksHeading);
    m_tracks = new QStandardItemModel(0, 3, this);
    m_tracks->setHorizontalHeaderLabels({tr("#"), tr("Title"), tr("Length")});
    m_trackView = new QTreeView(content);
    m_trackView->setObjectName(QStringLiteral("detailsTracks"));
    m_trackView->setAccessibleName(tr("Tracklist"));
    m_trackView->setModel(m_tracks);
    m_trackView->setRootIsDecorated(false);
    m_trackView->setUniformRowHeights(true);
    m_trackView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_trackView->setMinimumHeight(160);
    m_trackView->header()->setStretchLastSection(false);
    m_trackView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_trackView->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_trackView->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    layout->addWidget(m_trackView, 10);
    m_noTracks = new TracklistNotice(content);
    m_noTracks->setImportManager(m_imports);
    layout->addWidget(m_noTracks);
    layout->addStretch(1);

    scroll->setWidget(content);
    m_pages->addWidget(scroll);
}

QLabel *DetailsPane::addField(QFormLayout *form, const QString &label, const QString &objectName)
{
    QLabel *value = plainLabel(this, objectName);
    form->addRow(label, value);
    return value;
}

void DetailsPane::showAlbum(qint64 albumId)
{
    m_albumId = albumId;
    if (albumId == 0) {
        m_pages->setCurrentIndex(0);
        return;
    }
    AlbumStore *store = m_store;
    m_loader.setFuture(
        QtConcurrent::run(m_pool, [store, albumId] { return store->album(albumId); }));
}

void DetailsPane::setCoverCache(CoverImageCache *covers)
{
    m_covers = covers;
    if (covers) {
        connect(covers, &CoverImageCache::coverReady, this, [this](qint64 albumId) {
            if (m_shown && albumId == m_shown->id)
                showCover();
        });
    }
}

void DetailsPane::showCover()
{
    const qreal ratio = devicePixelRatioF();
    QPixmap cover(int(coverPixels * ratio), int(coverPixels * ratio));
    cover.setDevicePixelRatio(ratio);
    cover.fill(Qt::transparent);
    QPixmap image;
    if (m_covers && m_shown) {
        AlbumSummary summary;
        summary.id = m_shown->id;
        summary.title = m_shown->title;
        summary.artist = m_shown->artist;
        summary.coverFile = m_shown->coverFile;
        summary.coverUrl = m_shown->coverUrl;
        for (const SourceRef &source : m_shown->sources) {
            if (source.provider == u"musicbrainz" && summary.musicBrainzRelease.isEmpty())
                summary.musicBrainzRelease = source.externalId;
        }
        // The large cover: the Cover Art Archive's 500 px thumbnail, or the provider's image.
        image = m_covers->cover(summary, largeCoverPixels);
    }
    {
        QPainter painter(&cover);
        const QRectF area(0, 0, coverPixels, coverPixels);
        if (image.isNull()) {
            CoverPlaceholder::paint(&painter, area, m_shown ? m_shown->artist : QString(),
                                    m_shown ? m_shown->title : QString());
        } else {
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            const QSizeF shown = QSizeF(image.size()).scaled(area.size(), Qt::KeepAspectRatio);
            painter.drawPixmap(QRectF(area.center().x() - shown.width() / 2,
                                      area.center().y() - shown.height() / 2, shown.width(),
                                      shown.height()),
                               image, QRectF(image.rect()));
        }
    }
    m_cover->setPixmap(cover);
    const bool hasImage = !image.isNull();
    m_openImage->setVisible(hasImage);
    m_copyImage->setVisible(hasImage);
}

void DetailsPane::setDescriptionService(DescriptionService *descriptions)
{
    m_descriptions = descriptions;
    if (m_description)
        m_description->setService(descriptions);
    if (descriptions) {
        connect(descriptions, &DescriptionService::descriptionChanged, this,
                [this](qint64 albumId) {
                    if (albumId == m_albumId)
                        refresh();
                });
    }
}

void DetailsPane::setImportManager(ImportManager *imports)
{
    m_imports = imports;
    if (m_noTracks)
        m_noTracks->setImportManager(imports);
}

DescriptionPanel *DetailsPane::descriptionPanel()
{
    ensureAlbumPage();
    return m_description;
}

void DetailsPane::refresh()
{
    showAlbum(m_albumId);
}

void DetailsPane::present(const std::optional<Album> &album)
{
    if (!album || album->id != m_albumId) {
        if (!album)
            m_pages->setCurrentIndex(0);
        return;
    }
    ensureAlbumPage();
    m_shown = album;
    showCover();
    m_title->setText(album->title);
    m_artist->setText(album->artist);
    const auto setField = [this](QLabel *field, const QString &text) {
        field->setText(text);
        m_form->setRowVisible(field, !text.isEmpty());
    };
    setField(m_year, album->year > 0 ? QString::number(album->year) : tr("unknown"));
    setField(m_label, album->label);
    setField(m_format, album->format);
    setField(m_genres, album->genres.join(QLatin1String(", ")));
    setField(m_barcode, album->barcode);
    setField(m_added, QLocale().toString(album->addedAt.toLocalTime(), QLocale::ShortFormat));
    setField(m_sources, sourcesHtml(album->sources));
    m_description->showAlbum(*album);

    m_tracks->removeRows(0, m_tracks->rowCount());
    const bool severalDiscs
        = !album->tracks.isEmpty() && album->tracks.last().disc != album->tracks.first().disc;
    for (const Track &track : album->tracks) {
        const QString position = severalDiscs
            ? QStringLiteral("%1-%2").arg(track.disc).arg(track.position)
            : QString::number(track.position);
        auto *number = new QStandardItem(position);
        auto *title = new QStandardItem(track.title);
        auto *length = new QStandardItem(durationText(track.durationMs));
        length->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_tracks->appendRow({number, title, length});
    }
    m_trackView->setVisible(!album->tracks.isEmpty());
    m_noTracks->setVisible(album->tracks.isEmpty());
    if (album->tracks.isEmpty())
        m_noTracks->showFor(*album);
    m_pages->setCurrentIndex(1);
    Q_EMIT albumShown(album->id);
}

} // namespace aime
