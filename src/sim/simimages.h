#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QPair>
#include <QString>

// Pixel work of the simulated nodes: cheap, deterministic, never touching the network.
namespace SimImages {

QImage solid(int width, int height, quint32 rgb);
// A deterministic picture for (seed, text, size): the same inputs give the same pixels.
QImage procedural(int width, int height, quint64 seed, const QString &text);
// `amount` 0..1 of `target` over seeded noise: what a sampler step preview looks like.
QImage noisyBlend(const QImage &target, quint64 seed, double amount);
QImage inverted(const QImage &image);
QImage boxBlur(const QImage &image, int radius);
QImage scaled(const QImage &image, int width, int height, const QString &method);
QByteArray encode(const QImage &image, const char *format, int quality = -1);
// PNG with tEXt chunks (ComfyUI writes `prompt` and each extra_pnginfo key as tEXt).
QByteArray pngWithText(const QImage &image, const QList<QPair<QByteArray, QByteArray>> &text);

} // namespace SimImages
