#:project ../../Silo/Platform.Silo.csproj
#:property PublishAot=false
// (PublishAot off: file-based apps default to it, which turns off the reflection-based JSON
// that FFMpegCore parses ffprobe's output with.)
//
// The FFmpeg argument lists the platform runs for a file, for bench/transcode.sh: the probe, the
// ladder plan and the argument builder are the silo's own (MediaProbe, LadderPlan,
// FfmpegLadderArguments), so the bare runs of the benchmark are exactly the pipeline's command.
//
//   dotnet run -c Release --file bench/ladder-args/ladder-args.cs -- INPUT OUT
//
// Writes, NUL-separated (read with mapfile -d ''): OUT/ladder.args, the whole ladder into
// OUT/ladder/; OUT/rung-<name>.args, one single-rung ladder per rendition into OUT/rung-<name>/.
// Prints one line: duration_s width height has_audio rung names (comma list).
using System.Globalization;
using Platform.Grains.Transcoding;
using Platform.Silo.Transcoding;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ladder-args INPUT OUT");
    return 2;
}
var (input, output) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
var facts = await MediaProbe.ProbeAsync(input, CancellationToken.None);
if (facts is null)
{
    Console.Error.WriteLine($"{input}: not a video ffprobe can read");
    return 1;
}
var rungs = LadderPlan.For(facts.Width, facts.Height);
Directory.CreateDirectory(output);
Write("ladder.args", FfmpegLadderArguments.For(new LadderJob(input, Path.Combine(output, "ladder"), rungs, facts.HasAudio)));
foreach (var rung in rungs)
    Write($"rung-{rung.Name}.args", FfmpegLadderArguments.For(new LadderJob(input, Path.Combine(output, $"rung-{rung.Name}"), [rung], facts.HasAudio)));
Console.WriteLine(string.Join(' ', facts.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), facts.Width, facts.Height,
    facts.HasAudio ? "audio" : "no-audio", string.Join(',', rungs.Select(r => r.Name))));
return 0;

void Write(string name, IReadOnlyList<string> list) =>
    File.WriteAllText(Path.Combine(output, name), string.Concat(list.Select(a => a + '\0')));
