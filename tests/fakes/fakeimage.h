#pragma once

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QString>

namespace aime::fakes {

// The small JPEGs the fakes serve as covers: one solid colour, derived from a name so the same
// cover always looks the same, encoded once and kept.
class FakeImage
{
public:
    FakeImage() = delete;

    static QColor colourOf(const QString &name);
    // Empty when no JPEG encoder is available.
    static QByteArray jpeg(const QColor &colour, int size);
    // Any image as JPEG (quality 85, as the fakes serve); empty without an encoder.
    static QByteArray encodeJpeg(const QImage &image);
};

} // namespace aime::fakes
