#include "fakeimage.h"

#include <QBuffer>
#include <QCache>
#include <QCryptographicHash>
#include <QImage>
#include <QImageWriter>
#include <QMutex>

namespace aime::fakes {

QColor FakeImage::colourOf(const QString &name)
{
    const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1);
    return QColor(quint8(digest.at(0)), quint8(digest.at(1)), quint8(digest.at(2)));
}

QByteArray FakeImage::jpeg(const QColor &colour, int size)
{
    static QMutex mutex;
    static QCache<QString, QByteArray> encoded(32 * 1024 * 1024);
    const QString key = QStringLiteral("%1/%2").arg(colour.name()).arg(size);
    QMutexLocker lock(&mutex);
    if (const QByteArray *cached = encoded.object(key))
        return *cached;
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(colour);
    const QByteArray bytes = encodeJpeg(image);
    if (bytes.isEmpty())
        return {};
    encoded.insert(key, new QByteArray(bytes), int(bytes.size()));
    return bytes;
}

QByteArray FakeImage::encodeJpeg(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(85);
    if (!writer.write(image))
        return {};
    return bytes;
}

} // namespace aime::fakes
