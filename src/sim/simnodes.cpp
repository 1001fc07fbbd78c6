#include "simnodes.h"

#include "simimages.h"
#include "simstorage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cmath>

namespace {

SimNodeRun fail(const QString &type, const QString &message)
{
    SimNodeRun run;
    run.errorType = type;
    run.errorMessage = message;
    return run;
}

SimNodeRun single(const SimValue &value)
{
    SimNodeRun run;
    run.outputs.append(value);
    return run;
}

int toInt(const QHash<QString, SimValue> &inputs, const char *name)
{
    return int(inputs.value(QString::fromLatin1(name)).number);
}

QString str(const QHash<QString, SimValue> &inputs, const char *name)
{
    return inputs.value(QString::fromLatin1(name)).text;
}

SimJson imageRef(const QString &file, const QString &subfolder, const QString &type)
{
    return SimJson::object({{QStringLiteral("filename"), file},
                            {QStringLiteral("subfolder"), subfolder},
                            {QStringLiteral("type"), type}});
}

// What Pillow's Image.open raised through ComfyUI 0.3.65's LoadImage (recorded).
QStringList undecodableImageTraceback()
{
    return {QStringLiteral("  File \"<COMFY_ROOT>/execution.py\", line 496, in execute\n"
                           "    output_data, output_ui, has_subgraph, has_pending_tasks = "
                           "await get_output_data(prompt_id, unique_id, obj, input_data_all, "
                           "execution_block_cb=execution_block_cb, "
                           "pre_execute_cb=pre_execute_cb, hidden_inputs=hidden_inputs)\n"),
            QStringLiteral("  File \"<COMFY_ROOT>/nodes.py\", line 1647, in load_image\n"
                           "    img = node_helpers.pillow(Image.open, image_path)\n"
                           "          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"),
            QStringLiteral("  File \"<COMFY_ROOT>/node_helpers.py\", line 31, in pillow\n"
                           "    x = fn(arg)\n"
                           "        ^^^^^^^\n"),
            QStringLiteral("  File \"<DIST_PACKAGES>/PIL/Image.py\", line 3283, in open\n"
                           "    raise UnidentifiedImageError(msg)\n")};
}

SimNodeRun saveImages(const QList<QImage> &images, QString prefix, const QString &type,
                      const SimNodes::Context &context, bool withMetadata)
{
    const QString base = context.storage->directoryForType(type);
    prefix = QDir::cleanPath(prefix);
    const QString subfolder = prefix.contains(QLatin1Char('/'))
            ? prefix.section(QLatin1Char('/'), 0, -2) : QString();
    const QString name = prefix.section(QLatin1Char('/'), -1);
    const QString folder = QDir::cleanPath(base + QLatin1Char('/') + subfolder);
    if (!SimStorage::isInside(base, folder) || name.isEmpty()) {
        return fail(QStringLiteral("Exception"),
                    QStringLiteral("**** ERROR: Saving image outside the output folder is not "
                                   "allowed.\n full_output_folder: %1\n         output_dir: %2")
                            .arg(folder, base));
    }
    QDir().mkpath(folder);
    int counter = SimStorage::nextCounter(folder, name);
    QList<QPair<QByteArray, QByteArray>> text;
    if (withMetadata) {
        // json.dumps of the hidden inputs, as SaveImage writes them.
        text.append({"prompt", context.prompt.toJson()});
        for (const SimJson::Member &m : context.extraPngInfo.members())
            text.append({m.first.toLatin1(), m.second.toJson()});
    }
    SimJson refs = SimJson::array();
    for (const QImage &image : images) {
        const QString file = QStringLiteral("%1_%2_.png").arg(name).arg(counter++, 5, 10,
                                                                        QLatin1Char('0'));
        QFile out(folder + QLatin1Char('/') + file);
        if (!out.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("OSError"), QStringLiteral("cannot write ") + file);
        out.write(SimImages::pngWithText(image, text));
        refs.append(imageRef(file, subfolder, type));
    }
    SimNodeRun run;
    run.ui = SimJson::object({{QStringLiteral("images"), refs}});
    return run;
}

QString previewText(const SimValue &value)
{
    switch (value.kind) {
    case SimValue::Kind::Number:
        return value.isInt ? QString::number(qint64(value.number))
                           : QString::number(value.number, 'g', 17);
    case SimValue::Kind::Bool:
        return value.number != 0 ? QStringLiteral("True") : QStringLiteral("False");
    case SimValue::Kind::Text:
    case SimValue::Kind::Conditioning:
        return value.text;
    case SimValue::Kind::Images:
    case SimValue::Kind::Mask:
        return QStringLiteral("tensor of shape [%1, %2, %3]")
                .arg(value.images.size())
                .arg(value.images.value(0).height())
                .arg(value.images.value(0).width());
    default:
        return QStringLiteral("None");
    }
}

} // namespace

namespace SimNodes {

QImage decodeLatent(const SimValue &latent, int index, int width, int height)
{
    const quint64 seed = latent.seed + quint64(index);
    QImage image = SimImages::procedural(width, height, seed, latent.text);
    const QImage source = latent.images.value(index);
    if (!source.isNull() && latent.denoise < 1.0) {
        // img2img: keep (1 - denoise) of the encoded picture.
        const QImage src = source.scaled(width, height).convertToFormat(QImage::Format_RGB888);
        for (int y = 0; y < height; ++y) {
            uchar *out = image.scanLine(y);
            const uchar *in = src.constScanLine(y);
            for (int x = 0; x < width * 3; ++x)
                out[x] = uchar(latent.denoise * out[x] + (1 - latent.denoise) * in[x]);
        }
    }
    return image;
}

SimNodeRun run(const QString &classType, const QHash<QString, SimValue> &inputs,
               const Context &context)
{
    const QList<QImage> images = inputs.value(QStringLiteral("image")).images;
    if (classType == QLatin1String("EmptyImage")) {
        QList<QImage> out;
        for (int i = 0; i < toInt(inputs, "batch_size"); ++i)
            out.append(SimImages::solid(toInt(inputs, "width"), toInt(inputs, "height"),
                                        quint32(toInt(inputs, "color"))));
        return single(SimValue::fromImages(out));
    }
    if (classType == QLatin1String("LoadImage")) {
        const QString path = context.storage->annotatedInputPath(str(inputs, "image"));
        if (path.isEmpty() || !QFileInfo(path).isFile())
            return fail(QStringLiteral("FileNotFoundError"),
                        QStringLiteral("[Errno 2] No such file or directory: '%1'").arg(path));
        QImage image(path);
        if (image.isNull()) {
            // The file is there but Pillow cannot decode it.
            SimNodeRun run = fail(QStringLiteral("PIL.UnidentifiedImageError"),
                                  QStringLiteral("cannot identify image file '%1'\n").arg(path));
            run.traceback = undecodableImageTraceback();
            return run;
        }
        QImage mask(image.size(), QImage::Format_Grayscale8);
        mask.fill(0);
        if (image.hasAlphaChannel()) {
            const QImage alpha = image.convertToFormat(QImage::Format_Alpha8);
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    mask.scanLine(y)[x] = uchar(255 - alpha.constScanLine(y)[x]);
        }
        SimNodeRun run;
        run.outputs = {SimValue::fromImages({image.convertToFormat(QImage::Format_RGB888)}),
                       SimValue::fromImages({mask}, SimValue::Kind::Mask)};
        return run;
    }
    if (classType == QLatin1String("SaveImage")) {
        return saveImages(inputs.value(QStringLiteral("images")).images,
                          str(inputs, "filename_prefix"), QStringLiteral("output"), context,
                          true);
    }
    if (classType == QLatin1String("PreviewImage")) {
        static const char letters[] = "abcdefghijklmnopqrstupvxyz";
        QString suffix;
        for (int i = 0; i < 5; ++i)
            suffix += QLatin1Char(letters[QRandomGenerator::global()->bounded(26)]);
        return saveImages(inputs.value(QStringLiteral("images")).images,
                          QStringLiteral("ComfyUI_temp_") + suffix, QStringLiteral("temp"),
                          context, true);
    }
    if (classType == QLatin1String("ImageInvert")) {
        QList<QImage> out;
        for (const QImage &image : images)
            out.append(SimImages::inverted(image));
        return single(SimValue::fromImages(out));
    }
    if (classType == QLatin1String("ImageBlur")) {
        QList<QImage> out;
        for (const QImage &image : images)
            out.append(SimImages::boxBlur(image, toInt(inputs, "blur_radius")));
        return single(SimValue::fromImages(out));
    }
    if (classType == QLatin1String("ImageScale") || classType == QLatin1String("ImageScaleBy")) {
        const QImage first = images.value(0);
        int width = 0;
        int height = 0;
        if (classType == QLatin1String("ImageScaleBy")) {
            const double by = inputs.value(QStringLiteral("scale_by")).number;
            width = int(std::nearbyint(first.width() * by));
            height = int(std::nearbyint(first.height() * by));
        } else {
            width = toInt(inputs, "width");
            height = toInt(inputs, "height");
            if (width == 0 && height == 0) {
                width = first.width();
                height = first.height();
            } else if (width == 0) {
                width = qMax(1, int(std::nearbyint(first.width() * double(height)
                                                   / qMax(1, first.height()))));
            } else if (height == 0) {
                height = qMax(1, int(std::nearbyint(first.height() * double(width)
                                                    / qMax(1, first.width()))));
            }
        }
        if (width <= 0 || height <= 0) {
            return fail(QStringLiteral("RuntimeError"),
                        QStringLiteral("Input and output sizes should be greater than 0, but "
                                       "got input (H: %1, W: %2) output (H: %3, W: %4)\n")
                                .arg(first.height()).arg(first.width()).arg(height).arg(width));
        }
        QList<QImage> out;
        for (const QImage &image : images)
            out.append(SimImages::scaled(image, width, height, str(inputs, "upscale_method")));
        return single(SimValue::fromImages(out));
    }
    if (classType == QLatin1String("GetImageSize")) {
        const QImage first = images.value(0);
        SimNodeRun run;
        run.outputs = {SimValue::fromNumber(first.width(), true),
                       SimValue::fromNumber(first.height(), true),
                       SimValue::fromNumber(images.size(), true)};
        return run;
    }
    if (classType == QLatin1String("PreviewAny")) {
        SimNodeRun run;
        run.ui = SimJson::object({{QStringLiteral("text"), SimJson::array({previewText(
                                          inputs.value(QStringLiteral("source")))})}});
        return run;
    }
    if (classType == QLatin1String("SaveImageWebsocket"))
        return SimNodeRun();
    if (classType == QLatin1String("CheckpointLoaderSimple")) {
        const QString ckpt = str(inputs, "ckpt_name");
        SimNodeRun run;
        run.outputs = {SimValue::fromText(SimValue::Kind::Model, ckpt),
                       SimValue::fromText(SimValue::Kind::Clip, ckpt),
                       SimValue::fromText(SimValue::Kind::Vae, ckpt)};
        return run;
    }
    if (classType == QLatin1String("CLIPTextEncode"))
        return single(SimValue::fromText(SimValue::Kind::Conditioning, str(inputs, "text")));
    if (classType == QLatin1String("EmptyLatentImage")) {
        SimValue latent;
        latent.kind = SimValue::Kind::Latent;
        latent.width = toInt(inputs, "width");
        latent.height = toInt(inputs, "height");
        latent.batch = toInt(inputs, "batch_size");
        return single(latent);
    }
    if (classType == QLatin1String("KSampler")) {
        SimValue latent = inputs.value(QStringLiteral("latent_image"));
        latent.kind = SimValue::Kind::Latent;
        latent.seed = quint64(inputs.value(QStringLiteral("seed")).number);
        latent.text = inputs.value(QStringLiteral("positive")).text;
        latent.denoise = inputs.value(QStringLiteral("denoise")).number;
        latent.sampled = true;
        return single(latent);
    }
    if (classType == QLatin1String("VAEDecode")) {
        const SimValue latent = inputs.value(QStringLiteral("samples"));
        QList<QImage> out;
        for (int i = 0; i < latent.batch; ++i) {
            if (latent.sampled)
                out.append(decodeLatent(latent, i, latent.width, latent.height));
            else if (!latent.images.value(i).isNull())
                out.append(latent.images.at(i));
            else
                out.append(SimImages::solid(latent.width, latent.height, 0x000000));
        }
        return single(SimValue::fromImages(out));
    }
    if (classType == QLatin1String("VAEEncode")) {
        const QList<QImage> pixels = inputs.value(QStringLiteral("pixels")).images;
        SimValue latent;
        latent.kind = SimValue::Kind::Latent;
        latent.images = pixels;
        latent.batch = int(pixels.size());
        latent.width = pixels.value(0).width() / 8 * 8;
        latent.height = pixels.value(0).height() / 8 * 8;
        return single(latent);
    }
    return fail(QStringLiteral("NotImplementedError"),
                QStringLiteral("The simulator cannot run %1").arg(classType));
}

} // namespace SimNodes
