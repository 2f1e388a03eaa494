namespace Natak.Core.Media;

/// <summary>
/// What an MP4/QuickTime file says about itself: duration from the movie header (<c>mvhd</c>), the first video
/// track's size from its track header (<c>tkhd</c>, rotation not applied; 0 × 0 without a video track), and whether
/// a sound track exists.
/// </summary>
public sealed record Mp4Info(decimal DurationSeconds, int Width, int Height, bool HasAudio);
