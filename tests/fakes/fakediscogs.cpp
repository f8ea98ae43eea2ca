#include "fakediscogs.h"

#include "fakedice.h"
#include "fakeimage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>

namespace aime::fakes {

namespace {

// The catalogue is a pure function of the album's index and this seed: no clock, no qHash (its
// seed changes per process), no global random generator.
constexpr quint64 CatalogueSeed = 0x41494d45'44495343; // "AIMEDISC"
constexpr int MinAlbums = 10;
constexpr int MaxAlbums = 100'000;
constexpr int DefaultPerPage = 50;
constexpr int MaxPerPage = 100;
constexpr std::chrono::milliseconds DiscogsWindow {60'000};

const char *const FirstNames[]
    = {"Ada",  "Bruno", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo",
       "Ines", "Jonas", "Keiko", "Lars",   "Maya",  "Nils",  "Olga",  "Pablo",
       "Rosa", "Sven",  "Tilda", "Umar",   "Vera",  "Wim",   "Xenia", "Yusuf"};
const char *const Syllables[]
    = {"ba",  "cor", "del", "fen", "gar", "hol", "kir", "lun", "mor", "nev",
       "pel", "quo", "ras", "sil", "tor", "vel", "wen", "yar", "zan", "dri"};
const char *const Adjectives[]
    = {"Midnight", "Silver", "Broken",  "Electric", "Quiet", "Golden", "Northern",
       "Hidden",   "Velvet", "Distant", "Burning",  "Paper", "Frozen", "Crimson",
       "Café",     "Hollow", "Endless", "Noël",     "Wild",  "Glass"};
const char *const Nouns[] = {"Gardens", "Rivers", "Machines", "Echoes",   "Horizons", "Letters",
                             "Mirrors", "Tides",  "Signals",  "Harbours", "Dreams",   "Engines",
                             "Islands", "Voices", "Shadows",  "Orchards", "Bridges",  "Satellites"};
const char *const Countries[] = {"UK", "US", "Germany", "France", "Japan", "Netherlands", "Europe"};
const char *const Labels[] = {"Harbour Records", "Blue Lantern", "Northfield", "Kite Music",
                              "Obsidian Sound",  "Paper Moon",   "Redwood",    "Saltmarsh",
                              "Tangent",         "Umbra",        "Vantage",    "Wavelength",
                              "Arcadia",         "Basalt",       "Copperline", "Driftwood"};
const char *const Genres[]
    = {"Rock", "Electronic", "Jazz", "Pop", "Folk, World, & Country", "Reggae"};
const char *const Styles[][3]
    = {{"Indie Rock", "Prog Rock", "Post-Punk"}, {"Ambient", "Techno", "Downtempo"},
       {"Hard Bop", "Modal", "Soul-Jazz"},       {"Synth-pop", "Ballad", "Europop"},
       {"Folk", "Celtic", "Bluegrass"},          {"Dub", "Roots Reggae", "Dancehall"}};
const char *const Conditions[] = {"Mint (M)", "Near Mint (NM or M-)", "Very Good Plus (VG+)"};

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

template<typename T, std::size_t N> constexpr int countOf(const T (&)[N])
{
    return int(N);
}

QString surname(Dice &dice)
{
    QString name;
    const int count = 2 + dice.below(2);
    for (int i = 0; i < count; ++i)
        name += dice.pick(Syllables);
    name[0] = name.at(0).toUpper();
    return name;
}

// A 12-digit UPC-A with a valid check digit; distinct per index (7919 is prime to 10^10).
QString upc(int index)
{
    QString digits = QLatin1Char('0')
        + QStringLiteral("%1").arg((qint64(index) * 7919 + 424242) % 10'000'000'000, 10, 10,
                                   QLatin1Char('0'));
    int sum = 0;
    for (int i = 0; i < 11; ++i)
        sum += digits.at(i).digitValue() * (i % 2 == 0 ? 3 : 1);
    return digits + QString::number((10 - sum % 10) % 10);
}

QString slug(const QString &value)
{
    QString result;
    for (const QChar c : value) {
        if (c.isLetterOrNumber())
            result += c;
        else if (!result.endsWith(u'-'))
            result += u'-';
    }
    while (result.endsWith(u'-'))
        result.chop(1);
    return result;
}

QJsonArray toArray(const QStringList &values)
{
    return QJsonArray::fromStringList(values);
}

FakeResponse json(int status, const QJsonObject &body)
{
    FakeResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

FakeResponse error(int status, const char *message)
{
    return json(status, QJsonObject {{QStringLiteral("message"), text(message)}});
}

// Header names are case-insensitive; a header sent empty is present with an empty value.
std::optional<QByteArray> header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

struct Paging
{
    int page = 1;
    int perPage = DefaultPerPage;
    int items = 0;
    int pages = 1;
    int first = 0; // index of the first item on this page
    int end = 0; // one past the last
};

// Missing, unreadable or out-of-range values fall back as Discogs does: per_page to 50 (capped
// at 100), page to 1. A page past the last is answered with no items [U].
Paging paging(const QUrlQuery &query, int items)
{
    Paging p;
    bool ok = false;
    const int perPage = query.queryItemValue(QStringLiteral("per_page")).toInt(&ok);
    if (ok && perPage > 0)
        p.perPage = std::min(perPage, MaxPerPage);
    const int page = query.queryItemValue(QStringLiteral("page")).toInt(&ok);
    if (ok && page > 0)
        p.page = page;
    p.items = items;
    p.pages = std::max(1, (items + p.perPage - 1) / p.perPage);
    p.first = int(std::min<qint64>(qint64(p.page - 1) * p.perPage, items));
    p.end = std::min(p.first + p.perPage, items);
    return p;
}

// The "pagination" object and the Link header, with only the links that apply.
void addPagination(const Paging &p, const std::function<QString(int)> &pageUrl, QJsonObject *body,
                   FakeResponse *response)
{
    QJsonObject urls;
    QByteArrayList links;
    const auto link = [&](const char *rel, int page) {
        const QString address = pageUrl(page);
        urls.insert(text(rel), address);
        links.append(QByteArray('<' + address.toUtf8() + ">; rel=\"" + rel + '"'));
    };
    if (p.page > 1) {
        link("first", 1);
        link("prev", std::min(p.page - 1, p.pages));
    }
    if (p.page < p.pages) {
        link("next", p.page + 1);
        link("last", p.pages);
    }
    body->insert(QStringLiteral("pagination"),
                 QJsonObject {{QStringLiteral("page"), p.page},
                              {QStringLiteral("pages"), p.pages},
                              {QStringLiteral("per_page"), p.perPage},
                              {QStringLiteral("items"), p.items},
                              {QStringLiteral("urls"), urls}});
    if (!links.isEmpty())
        response->headers.append({"Link", links.join(", ")});
}

} // namespace

FakeDiscogs::FakeDiscogs(FakeDiscogsOptions options) : m_options(std::move(options))
{
    const int count = std::clamp(m_options.albumCount, MinAlbums, MaxAlbums);
    m_albums.reserve(count);
    for (int i = 0; i < count; ++i)
        m_albums.append(generate(i));
    m_server.setHandler([this](const QHttpServerRequest &request) { return handle(request); });
}

FakeDiscogs::Album FakeDiscogs::generate(int index)
{
    Album album;
    album.seed = Dice::mix(CatalogueSeed ^ quint64(index));
    Dice dice(album.seed);

    const int kind = dice.below(10);
    if (kind < 6) {
        album.artists = {dice.pick(FirstNames) + u' ' + surname(dice)};
    } else if (kind < 8) {
        album.artists = {QLatin1String("The ") + surname(dice) + u's'};
    } else if (kind < 9) {
        album.artists = {dice.pick(FirstNames) + u' ' + surname(dice),
                         dice.pick(FirstNames) + u' ' + surname(dice)};
        album.joins = {QStringLiteral("&")};
    } else {
        album.artists = {surname(dice) + QLatin1String(" (2)")}; // a disambiguated name
    }
    album.title = dice.chance(4) ? QString(QLatin1String("The ") + dice.pick(Nouns))
                                 : QString(dice.pick(Adjectives) + u' ' + dice.pick(Nouns));

    album.year = dice.chance(20) ? 0 : 1955 + dice.below(70);
    const int month = 1 + dice.below(12);
    const int day = 1 + dice.below(28);
    if (album.year > 0) {
        const int precision = dice.below(10);
        album.released = QString::number(album.year);
        if (precision < 8)
            album.released += QStringLiteral("-%1").arg(month, 2, 10, QLatin1Char('0'));
        if (precision < 6)
            album.released += QStringLiteral("-%1").arg(day, 2, 10, QLatin1Char('0'));
        else if (precision < 8)
            album.released += QLatin1String("-00"); // day unknown, as Discogs writes it
    }
    album.country = dice.pick(Countries);

    const int label = dice.below(countOf(Labels));
    album.label = text(Labels[label]);
    album.labelId = 100 + label;
    QString prefix;
    for (const QString &word : album.label.split(u' '))
        prefix += word.at(0).toUpper();
    album.catno = dice.chance(25)
        ? QStringLiteral("none")
        : prefix + u' ' + QString::number(100 + (index * 37 + dice.below(37)) % 9900);

    album.vinyl = dice.below(5) < 3;
    album.quantity = dice.chance(5) ? 2 : 1;
    if (album.vinyl) {
        album.descriptions = {QStringLiteral("LP"), QStringLiteral("Album")};
        if (dice.chance(3))
            album.descriptions.append(QStringLiteral("Reissue"));
        album.descriptions.append(QStringLiteral("33 ⅓ RPM"));
    } else {
        album.descriptions = {QStringLiteral("Album")};
        if (dice.chance(3))
            album.descriptions.append(QStringLiteral("Remastered"));
    }

    const int genre = dice.below(countOf(Genres));
    album.genres = {text(Genres[genre])};
    album.styles = {text(Styles[genre][dice.below(3)])};
    const QString second = text(Styles[genre][dice.below(3)]);
    if (!album.styles.contains(second))
        album.styles.append(second);

    if (!dice.chance(10)) {
        const QString code = upc(index);
        // Vinyl barcodes are often typed as printed, with spaces.
        album.barcode = album.vinyl
            ? code.left(1) + u' ' + code.mid(1, 5) + u' ' + code.mid(6, 5) + u' ' + code.right(1)
            : code;
    }
    album.trackCount = 3 + dice.below(10);
    album.masterId = dice.chance(3) ? 0 : 50'000 + index;

    album.searchText
        = (artistCredit(album) + QLatin1String(" - ") + album.title + u'\n' + album.label + u'\n'
           + album.catno + u'\n' + album.barcode + u'\n' + QString(album.barcode).remove(u' '))
              .toLower();
    return album;
}

FakeResponse FakeDiscogs::handle(const QHttpServerRequest &request)
{
    const Auth auth = authOf(request);
    FakeResponse response;
    // [U] (PROVIDERS.md 2.1, 6): Discogs does not document what it answers without a
    // User-Agent; an empty 200 is as plausible as this 403. "Mozilla/5.0" counts as missing: it
    // is what QNetworkAccessManager sends when the application set none.
    const QByteArray userAgent = header(request, "User-Agent").value_or(QByteArray()).trimmed();
    if (userAgent.isEmpty() || userAgent == "Mozilla/5.0")
        response = error(403, "You must set a User-Agent.");
    else if (auth == Auth::Invalid)
        response = error(401,
                         "Invalid consumer token. Please register an app before making "
                         "requests.");
    else
        response = route(request, auth);
    addRateLimitHeaders(&response, auth);
    return response;
}

FakeResponse FakeDiscogs::image(const QString &name, Auth auth) const
{
    if (auth != Auth::Valid)
        return error(401, "You must authenticate to access this resource.");
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d+)-(?:(?:primary|secondary)-)?(150|600)\\.jpeg$"));
    const QRegularExpressionMatch match = pattern.match(name);
    const qint64 id = match.hasMatch() ? match.captured(1).toLongLong() : 0;
    if (id < FirstReleaseId || id >= FirstReleaseId + m_options.albumCount)
        return error(404, "The requested resource was not found.");
    FakeResponse response;
    response.headers = {{"Content-Type", "image/jpeg"}};
    response.body
        = FakeImage::jpeg(FakeImage::colourOf(QString::number(id)), match.captured(2).toInt());
    return response;
}

FakeResponse FakeDiscogs::route(const QHttpServerRequest &request, Auth auth)
{
    // Only GET is modelled; anything else is an unknown resource.
    const QStringList parts = request.url().path().split(u'/', Qt::SkipEmptyParts);
    if (request.method() == QHttpServerRequest::Method::Get) {
        if (parts == QStringList {QStringLiteral("oauth"), QStringLiteral("identity")})
            return identity(auth);
        if (parts.size() == 2 && parts.at(0) == QLatin1String("releases")) {
            bool ok = false;
            const qint64 id = parts.at(1).toLongLong(&ok);
            return ok ? release(id, auth) : error(404, "Release not found.");
        }
        if (parts.size() == 6 && parts.at(0) == QLatin1String("users")
            && parts.at(2) == QLatin1String("collection") && parts.at(3) == QLatin1String("folders")
            && (parts.at(4) == QLatin1String("0") || parts.at(4) == QLatin1String("1"))
            && parts.at(5) == QLatin1String("releases"))
            return collection(parts.at(1), request, auth);
        if (parts == QStringList {QStringLiteral("database"), QStringLiteral("search")})
            return search(request, auth);
        // Discogs serves its (signed) image URLs only to authenticated requests.
        if (parts.size() == 2 && parts.at(0) == QLatin1String("images"))
            return image(parts.at(1), auth);
        // The profile and the folder list, which clients such as python3-discogs-client walk
        // before they reach a folder's releases.
        if (parts.size() == 2 && parts.at(0) == QLatin1String("users"))
            return profile(parts.at(1));
        if (parts.size() >= 4 && parts.size() <= 5 && parts.at(0) == QLatin1String("users")
            && parts.at(2) == QLatin1String("collection")
            && parts.at(3) == QLatin1String("folders"))
            return folders(parts.at(1), parts.size() == 5 ? parts.at(4) : QString(), auth);
    }
    return error(404, "The requested resource was not found.");
}

FakeDiscogs::Auth FakeDiscogs::authOf(const QHttpServerRequest &request) const
{
    // A personal access token, in the header or as ?token=. Consumer key/secret and OAuth 1.0a
    // are not modelled: they count as invalid credentials.
    if (const std::optional<QByteArray> value = header(request, "Authorization"))
        return *value == "Discogs token=" + m_options.token.toUtf8() ? Auth::Valid : Auth::Invalid;
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(QStringLiteral("token")))
        return query.queryItemValue(QStringLiteral("token")) == m_options.token ? Auth::Valid
                                                                                : Auth::Invalid;
    return Auth::None;
}

// Discogs counts requests over a moving 60 s window. With a limit set on the FakeServer the
// headers report that limit and window instead, so a client that paces itself by Remaining
// meets the limit that is actually enforced. The count is every arrival in the window, the
// limited ones included, as the FakeServer counts them.
void FakeDiscogs::addRateLimitHeaders(FakeResponse *response, Auth auth) const
{
    const bool enforced = m_server.rateLimit() > 0;
    const int limit = enforced ? m_server.rateLimit()
                               : (auth == Auth::Valid ? AuthenticatedLimit : AnonymousLimit);
    const qint64 window = (enforced ? m_server.rateWindow() : DiscogsWindow).count();
    const QList<qint64> &arrivals = m_server.arrivals();
    int used = 0;
    if (!arrivals.isEmpty()) {
        const qint64 now = arrivals.last();
        for (auto it = arrivals.crbegin(); it != arrivals.crend() && *it > now - window; ++it)
            ++used;
    }
    response->headers.append({"X-Discogs-Ratelimit", QByteArray::number(limit)});
    response->headers.append({"X-Discogs-Ratelimit-Used", QByteArray::number(used)});
    response->headers.append(
        {"X-Discogs-Ratelimit-Remaining", QByteArray::number(std::max(0, limit - used))});
}

FakeResponse FakeDiscogs::identity(Auth auth) const
{
    if (auth != Auth::Valid) {
        FakeResponse response = error(401, "You must authenticate to access this resource.");
        response.headers.append({QByteArray("WWW-Authenticate"),
                                 QByteArray("OAuth realm=\"https://api.discogs.com\"")});
        return response;
    }
    return json(200,
                QJsonObject {{QStringLiteral("id"), 3144612},
                             {QStringLiteral("username"), m_options.username},
                             {QStringLiteral("resource_url"),
                              url(QLatin1String("/users/") + m_options.username)},
                             {QStringLiteral("consumer_name"), QStringLiteral("AIME fake")}});
}

FakeResponse FakeDiscogs::profile(const QString &user) const
{
    if (user.compare(m_options.username, Qt::CaseInsensitive) != 0)
        return error(404, "User does not exist or may have been deleted.");
    const QString base = QLatin1String("/users/") + m_options.username;
    return json(200,
                QJsonObject {
                    {QStringLiteral("id"), 3144612},
                    {QStringLiteral("username"), m_options.username},
                    {QStringLiteral("resource_url"), url(base)},
                    {QStringLiteral("uri"),
                     QString(QStringLiteral("https://www.discogs.com/user/") + m_options.username)},
                    {QStringLiteral("collection_folders_url"),
                     url(base + QLatin1String("/collection/folders"))},
                    {QStringLiteral("collection_fields_url"),
                     url(base + QLatin1String("/collection/fields"))},
                    {QStringLiteral("wantlist_url"), url(base + QLatin1String("/wants"))},
                    {QStringLiteral("num_collection"), instanceCount()}});
}

FakeResponse FakeDiscogs::folders(const QString &user, const QString &folder, Auth auth) const
{
    if (auth != Auth::Valid)
        return error(401, "You must authenticate to access this resource.");
    if (user.compare(m_options.username, Qt::CaseInsensitive) != 0)
        return error(404, "User does not exist or may have been deleted.");
    const QString base
        = QLatin1String("/users/") + m_options.username + QLatin1String("/collection/folders/");
    const auto folderObject = [&](int id, const QString &name) {
        return QJsonObject {{QStringLiteral("id"), id},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("count"), instanceCount()},
                            {QStringLiteral("resource_url"), url(base + QString::number(id))}};
    };
    if (folder == QLatin1String("0"))
        return json(200, folderObject(0, QStringLiteral("All")));
    if (folder == QLatin1String("1"))
        return json(200, folderObject(1, QStringLiteral("Uncategorized")));
    if (!folder.isEmpty())
        return error(404, "Folder not found.");
    return json(200,
                QJsonObject {{QStringLiteral("folders"),
                              QJsonArray {folderObject(0, QStringLiteral("All")),
                                          folderObject(1, QStringLiteral("Uncategorized"))}}});
}

FakeResponse FakeDiscogs::release(qint64 id, Auth auth) const
{
    if (!albumById(id))
        return error(404, "Release not found.");
    return json(200, releaseObject(int(id - FirstReleaseId), auth == Auth::Valid));
}

QByteArray FakeDiscogs::releaseBody(qint64 id, bool authenticated) const
{
    if (!albumById(id))
        return {};
    return QJsonDocument(releaseObject(int(id - FirstReleaseId), authenticated))
        .toJson(QJsonDocument::Compact);
}

// [U] A collection is readable only with the owner's token here (Discogs also serves public
// collections to anyone); another user's name is an unknown resource.
FakeResponse FakeDiscogs::collection(const QString &user, const QHttpServerRequest &request,
                                     Auth auth) const
{
    if (auth != Auth::Valid)
        return error(401, "You must authenticate to access this resource.");
    if (user.compare(m_options.username, Qt::CaseInsensitive) != 0)
        return error(404, "The requested resource was not found.");

    const Paging p = paging(request.query(), instanceCount());
    QJsonArray releases;
    for (int instance = p.first; instance < p.end; ++instance) {
        const bool secondCopy = instance >= albumCount();
        const int i = secondCopy ? instance - albumCount() : instance;
        const Album &album = m_albums.at(i);
        Dice dice(Dice::mix(album.seed ^ 0x636f6c6c)); // "coll"
        const QDateTime added = QDateTime(QDate(2014, 1, 1), QTime(0, 0), Qt::UTC)
                                    .addSecs(qint64(i) * 6 * 3600 + dice.below(3600));
        QJsonArray notes;
        if (dice.chance(4))
            notes.append(QJsonObject {{QStringLiteral("field_id"), 1},
                                      {QStringLiteral("value"), dice.pick(Conditions)}});
        releases.append(QJsonObject {
            {QStringLiteral("id"), releaseId(i)},
            {QStringLiteral("instance_id"), (secondCopy ? 600'000 : 500'000) + qint64(i)},
            {QStringLiteral("folder_id"), 1},
            {QStringLiteral("rating"), dice.chance(2) ? 0 : 1 + dice.below(5)},
            {QStringLiteral("date_added"),
             QString(added.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"))
                     + QLatin1String("+00:00"))},
            {QStringLiteral("basic_information"), basicInformation(i)},
            {QStringLiteral("notes"), notes}});
    }
    const QString path = request.url().path();
    QJsonObject body {{QStringLiteral("releases"), releases}};
    FakeResponse response;
    addPagination(
        p,
        [&](int page) -> QString {
            return url(path) + QStringLiteral("?page=%1&per_page=%2").arg(page).arg(p.perPage);
        },
        &body, &response);
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

// q matches "Artist - Title", label, catalogue number or barcode, case-insensitively; an empty
// q matches everything. Only releases are in the catalogue, so type=master, artist or label
// finds nothing.
FakeResponse FakeDiscogs::search(const QHttpServerRequest &request, Auth auth) const
{
    if (auth != Auth::Valid)
        return error(401, "You must authenticate to access this resource.");
    const QUrlQuery query = request.query();
    const QString q = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    const QString needle = q.toLower();
    const QString type = query.queryItemValue(QStringLiteral("type"), QUrl::FullyDecoded);
    QList<int> matches;
    if (type.isEmpty() || type == QLatin1String("release")) {
        for (int i = 0; i < m_albums.size(); ++i) {
            if (m_albums.at(i).searchText.contains(needle))
                matches.append(i);
        }
    }
    const Paging p = paging(query, int(matches.size()));
    QJsonArray results;
    for (int i = p.first; i < p.end; ++i)
        results.append(searchResult(matches.at(i)));
    QJsonObject body {{QStringLiteral("results"), results}};
    FakeResponse response;
    addPagination(
        p,
        [&](int page) {
            QUrlQuery pageQuery;
            pageQuery.addQueryItem(QStringLiteral("q"), q);
            if (!type.isEmpty())
                pageQuery.addQueryItem(QStringLiteral("type"), type);
            pageQuery.addQueryItem(QStringLiteral("per_page"), QString::number(p.perPage));
            pageQuery.addQueryItem(QStringLiteral("page"), QString::number(page));
            QUrl address(url(QStringLiteral("/database/search")));
            address.setQuery(pageQuery);
            return address.toString(QUrl::FullyEncoded);
        },
        &body, &response);
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

const FakeDiscogs::Album *FakeDiscogs::albumById(qint64 id) const
{
    const qint64 index = id - FirstReleaseId;
    return index >= 0 && index < m_albums.size() ? &m_albums.at(index) : nullptr;
}

QString FakeDiscogs::url(const QString &path) const
{
    return baseUrl().toString() + path;
}

// Image addresses point at the fake so that nothing leaves the machine; the fake does not serve
// them (404).
QString FakeDiscogs::imageUrl(qint64 id, const QString &kind) const
{
    return url(QStringLiteral("/images/%1-%2.jpeg").arg(id).arg(kind));
}

QString FakeDiscogs::artistCredit(const Album &album)
{
    QString credit;
    for (int i = 0; i < album.artists.size(); ++i) {
        credit += album.artists.at(i);
        if (i < album.joins.size())
            credit += u' ' + album.joins.at(i) + u' ';
    }
    return credit;
}

namespace {

QJsonArray artistsArray(const QStringList &names, const QStringList &joins,
                        const std::function<QString(const QString &)> &url)
{
    QJsonArray artists;
    for (int i = 0; i < names.size(); ++i) {
        const qint64 id = 10'000 + qint64(Dice::hash(names.at(i)) % 900'000);
        artists.append(QJsonObject {
            {QStringLiteral("name"), names.at(i)},
            {QStringLiteral("anv"), QString()},
            {QStringLiteral("join"), joins.value(i)},
            {QStringLiteral("role"), QString()},
            {QStringLiteral("tracks"), QString()},
            {QStringLiteral("id"), id},
            {QStringLiteral("resource_url"), url(QStringLiteral("/artists/%1").arg(id))}});
    }
    return artists;
}

QJsonArray formatsArray(bool vinyl, int quantity, const QStringList &descriptions)
{
    return {QJsonObject {
        {QStringLiteral("name"), vinyl ? QStringLiteral("Vinyl") : QStringLiteral("CD")},
        {QStringLiteral("qty"), QString::number(quantity)},
        {QStringLiteral("descriptions"), toArray(descriptions)}}};
}

QJsonObject trackEntry(const QString &position, const QString &type, const QString &title,
                       const QString &duration)
{
    return {{QStringLiteral("position"), position},
            {QStringLiteral("type_"), type},
            {QStringLiteral("title"), title},
            {QStringLiteral("duration"), duration}};
}

// Vinyl: sides A, B (C, D for a second record) with a heading per record when there are two;
// CD: "1", "2"... or "1-1", "2-1" for two discs. One track in eight has no duration.
QJsonArray tracklist(int count, bool vinyl, int discs, quint64 seed)
{
    Dice dice(seed);
    QJsonArray tracks;
    const int perDisc = (count + discs - 1) / discs;
    const int sides = 2 * discs;
    const int perSide = (count + sides - 1) / sides;
    for (int i = 0; i < count; ++i) {
        QString position;
        if (vinyl) {
            const int side = i / perSide;
            if (discs > 1 && i % (2 * perSide) == 0)
                tracks.append(trackEntry(
                    {}, QStringLiteral("heading"),
                    side == 0 ? QStringLiteral("Record One") : QStringLiteral("Record Two"), {}));
            position = QChar(u'A' + side) + QString::number(i % perSide + 1);
        } else if (discs > 1) {
            position = QStringLiteral("%1-%2").arg(i / perDisc + 1).arg(i % perDisc + 1);
        } else {
            position = QString::number(i + 1);
        }
        const QString title = dice.pick(Adjectives) + u' ' + dice.pick(Nouns);
        const QString duration = dice.chance(8) ? QString()
                                                : QStringLiteral("%1:%2")
                                                      .arg(2 + dice.below(7))
                                                      .arg(dice.below(60), 2, 10, QLatin1Char('0'));
        tracks.append(trackEntry(position, QStringLiteral("track"), title, duration));
    }
    return tracks;
}

} // namespace

QJsonObject FakeDiscogs::basicInformation(int index) const
{
    const Album &album = m_albums.at(index);
    const qint64 id = releaseId(index);
    const auto urlOf = [this](const QString &path) { return url(path); };
    QJsonObject info {
        {QStringLiteral("id"), id},
        {QStringLiteral("master_id"), album.masterId},
        {QStringLiteral("resource_url"), url(QStringLiteral("/releases/%1").arg(id))},
        {QStringLiteral("thumb"), imageUrl(id, QStringLiteral("150"))},
        {QStringLiteral("cover_image"), imageUrl(id, QStringLiteral("600"))},
        {QStringLiteral("title"), album.title},
        {QStringLiteral("year"), album.year},
        {QStringLiteral("formats"), formatsArray(album.vinyl, album.quantity, album.descriptions)},
        {QStringLiteral("labels"),
         QJsonArray {QJsonObject {{QStringLiteral("name"), album.label},
                                  {QStringLiteral("catno"), album.catno},
                                  {QStringLiteral("entity_type"), QStringLiteral("1")},
                                  {QStringLiteral("entity_type_name"), QStringLiteral("Label")},
                                  {QStringLiteral("id"), album.labelId},
                                  {QStringLiteral("resource_url"),
                                   url(QStringLiteral("/labels/%1").arg(album.labelId))}}}},
        {QStringLiteral("artists"), artistsArray(album.artists, album.joins, urlOf)},
        {QStringLiteral("genres"), toArray(album.genres)},
        {QStringLiteral("styles"), toArray(album.styles)}};
    if (album.masterId > 0)
        info.insert(QStringLiteral("master_url"),
                    url(QStringLiteral("/masters/%1").arg(album.masterId)));
    return info;
}

QJsonObject FakeDiscogs::releaseObject(int index, bool authenticated) const
{
    const Album &album = m_albums.at(index);
    const qint64 id = releaseId(index);
    QJsonObject release = basicInformation(index);
    release.remove(QStringLiteral("cover_image"));
    release.insert(QStringLiteral("status"), QStringLiteral("Accepted"));
    release.insert(QStringLiteral("uri"),
                   QString(QStringLiteral("https://www.discogs.com/release/%1-").arg(id)
                           + slug(artistCredit(album) + u' ' + album.title)));
    release.insert(QStringLiteral("artists_sort"), artistCredit(album));
    release.insert(QStringLiteral("companies"), QJsonArray());
    release.insert(QStringLiteral("series"), QJsonArray());
    release.insert(QStringLiteral("format_quantity"), album.quantity);
    release.insert(QStringLiteral("country"), album.country);
    if (!album.released.isEmpty())
        release.insert(QStringLiteral("released"), album.released);

    QJsonArray identifiers;
    if (!album.barcode.isEmpty())
        identifiers.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("Barcode")},
                                        {QStringLiteral("value"), album.barcode}});
    identifiers.append(QJsonObject {
        {QStringLiteral("type"), QStringLiteral("Matrix / Runout")},
        {QStringLiteral("value"), QString(album.catno.toUpper() + QLatin1String(" A1"))},
        {QStringLiteral("description"), QStringLiteral("Side A")}});
    release.insert(QStringLiteral("identifiers"), identifiers);
    release.insert(QStringLiteral("tracklist"),
                   tracklist(album.trackCount, album.vinyl, album.quantity,
                             Dice::mix(album.seed ^ 0x7472616b))); // "trak"
    release.insert(QStringLiteral("extraartists"), QJsonArray());

    // Image addresses only go to authenticated requests (PROVIDERS.md 2.7).
    if (authenticated) {
        QJsonArray images;
        for (const QString &type : {QStringLiteral("primary"), QStringLiteral("secondary")}) {
            const QString big = imageUrl(id, type + QLatin1String("-600"));
            images.append(
                QJsonObject {{QStringLiteral("type"), type},
                             {QStringLiteral("uri"), big},
                             {QStringLiteral("resource_url"), big},
                             {QStringLiteral("uri150"), imageUrl(id, type + QLatin1String("-150"))},
                             {QStringLiteral("width"), 600},
                             {QStringLiteral("height"), 600}});
        }
        release.insert(QStringLiteral("images"), images);
    } else {
        release.insert(QStringLiteral("thumb"), QString());
    }

    Dice dice(Dice::mix(album.seed ^ 0x636f6d6d)); // "comm"
    const int have = 5 + dice.below(5000);
    release.insert(
        QStringLiteral("community"),
        QJsonObject {{QStringLiteral("have"), have},
                     {QStringLiteral("want"), dice.below(have)},
                     {QStringLiteral("rating"),
                      QJsonObject {{QStringLiteral("average"), (250 + dice.below(251)) / 100.0},
                                   {QStringLiteral("count"), 1 + dice.below(500)}}},
                     {QStringLiteral("status"), QStringLiteral("Accepted")},
                     {QStringLiteral("data_quality"), QStringLiteral("Correct")}});
    release.insert(QStringLiteral("data_quality"), QStringLiteral("Correct"));
    release.insert(QStringLiteral("date_added"), QStringLiteral("2012-06-01T10:00:00-07:00"));
    release.insert(QStringLiteral("date_changed"), QStringLiteral("2024-02-17T09:12:30-08:00"));
    release.insert(QStringLiteral("num_for_sale"), dice.below(60));
    release.insert(QStringLiteral("blocked_from_sale"), false);
    release.insert(QStringLiteral("videos"), QJsonArray());
    return release;
}

QJsonObject FakeDiscogs::searchResult(int index) const
{
    const Album &album = m_albums.at(index);
    const qint64 id = releaseId(index);
    QStringList flatFormat {album.vinyl ? QStringLiteral("Vinyl") : QStringLiteral("CD")};
    flatFormat += album.descriptions;
    QStringList barcodes;
    if (!album.barcode.isEmpty())
        barcodes.append(album.barcode);
    barcodes.append(album.catno.toUpper() + QLatin1String(" A1")); // matrix, as Discogs lists it
    QJsonObject result {
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), QStringLiteral("release")},
        {QStringLiteral("title"),
         QString(artistCredit(album) + QLatin1String(" - ") + album.title)},
        {QStringLiteral("country"), album.country},
        {QStringLiteral("format"), toArray(flatFormat)},
        {QStringLiteral("label"), QJsonArray {album.label}},
        {QStringLiteral("genre"), toArray(album.genres)},
        {QStringLiteral("style"), toArray(album.styles)},
        {QStringLiteral("barcode"), toArray(barcodes)},
        {QStringLiteral("catno"), album.catno},
        {QStringLiteral("master_id"), album.masterId},
        {QStringLiteral("uri"),
         QString(QStringLiteral("/release/%1-").arg(id)
                 + slug(artistCredit(album) + u' ' + album.title))},
        {QStringLiteral("resource_url"), url(QStringLiteral("/releases/%1").arg(id))},
        {QStringLiteral("thumb"), imageUrl(id, QStringLiteral("150"))},
        {QStringLiteral("cover_image"), imageUrl(id, QStringLiteral("600"))},
        {QStringLiteral("community"),
         QJsonObject {{QStringLiteral("want"), int(album.seed % 300)},
                      {QStringLiteral("have"), int(album.seed % 3000)}}},
        {QStringLiteral("user_data"),
         QJsonObject {{QStringLiteral("in_wantlist"), false},
                      {QStringLiteral("in_collection"), true}}},
        {QStringLiteral("format_quantity"), album.quantity},
        {QStringLiteral("formats"), formatsArray(album.vinyl, album.quantity, album.descriptions)}};
    if (album.year > 0)
        result.insert(QStringLiteral("year"), QString::number(album.year)); // a string here
    if (album.masterId > 0)
        result.insert(QStringLiteral("master_url"),
                      url(QStringLiteral("/masters/%1").arg(album.masterId)));
    return result;
}

} // namespace aime::fakes
