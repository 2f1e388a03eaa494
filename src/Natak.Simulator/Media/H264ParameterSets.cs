namespace Natak.Simulator;

/// <summary>
/// A Baseline-profile SPS/PPS pair describing the frame size (with cropping for sizes that are not whole
/// macroblocks), so probes that read the codec configuration see the same width and height as the track header.
/// </summary>
internal static class H264ParameterSets
{
    public const byte Profile = 66;
    public const byte Compatibility = 0xC0;

    public static byte Level(int width, int height) => (long)width * height <= 1920L * 1088 ? (byte)40 : (byte)51;

    public static byte[] Sps(int width, int height)
    {
        var mbWidth = (width + 15) / 16;
        var mbHeight = (height + 15) / 16;
        var cropRight = (mbWidth * 16 - width) / 2;
        var cropBottom = (mbHeight * 16 - height) / 2;

        var bits = new BitWriter();
        bits.Bits(Profile, 8);
        bits.Bits(Compatibility, 8);
        bits.Bits(Level(width, height), 8);
        bits.Ue(0); // seq_parameter_set_id
        bits.Ue(0); // log2_max_frame_num_minus4
        bits.Ue(2); // pic_order_cnt_type
        bits.Ue(1); // max_num_ref_frames
        bits.Bits(0, 1); // gaps_in_frame_num_value_allowed_flag
        bits.Ue((uint)(mbWidth - 1));
        bits.Ue((uint)(mbHeight - 1));
        bits.Bits(1, 1); // frame_mbs_only_flag
        bits.Bits(1, 1); // direct_8x8_inference_flag
        var crop = cropRight > 0 || cropBottom > 0;
        bits.Bits(crop ? 1u : 0u, 1);
        if (crop)
        {
            bits.Ue(0);
            bits.Ue((uint)cropRight);
            bits.Ue(0);
            bits.Ue((uint)cropBottom);
        }

        bits.Bits(0, 1); // vui_parameters_present_flag
        return Nal(0x67, bits.TrailingBits());
    }

    public static byte[] Pps()
    {
        var bits = new BitWriter();
        bits.Ue(0); // pic_parameter_set_id
        bits.Ue(0); // seq_parameter_set_id
        bits.Bits(0, 1); // entropy_coding_mode_flag (CAVLC)
        bits.Bits(0, 1); // bottom_field_pic_order_in_frame_present_flag
        bits.Ue(0); // num_slice_groups_minus1
        bits.Ue(0); // num_ref_idx_l0_default_active_minus1
        bits.Ue(0); // num_ref_idx_l1_default_active_minus1
        bits.Bits(0, 1); // weighted_pred_flag
        bits.Bits(0, 2); // weighted_bipred_idc
        bits.Ue(0); // pic_init_qp_minus26 (se 0 = ue 0)
        bits.Ue(0); // pic_init_qs_minus26
        bits.Ue(0); // chroma_qp_index_offset
        bits.Bits(1, 1); // deblocking_filter_control_present_flag
        bits.Bits(0, 1); // constrained_intra_pred_flag
        bits.Bits(0, 1); // redundant_pic_cnt_present_flag
        return Nal(0x68, bits.TrailingBits());
    }

    /// <summary>NAL header plus the payload with emulation-prevention bytes inserted.</summary>
    private static byte[] Nal(byte header, List<byte> rbsp)
    {
        var nal = new List<byte>(rbsp.Count + 4) { header };
        var zeros = 0;
        foreach (var b in rbsp)
        {
            if (zeros >= 2 && b <= 3)
            {
                nal.Add(3);
                zeros = 0;
            }

            nal.Add(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }

        return [.. nal];
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _current;
        private int _count;

        public void Bits(uint value, int n)
        {
            for (var i = n - 1; i >= 0; i--)
            {
                _current = (_current << 1) | (int)((value >> i) & 1);
                if (++_count == 8)
                {
                    _bytes.Add((byte)_current);
                    _current = 0;
                    _count = 0;
                }
            }
        }

        /// <summary>Unsigned Exp-Golomb.</summary>
        public void Ue(uint value)
        {
            var x = value + 1;
            var length = 31 - System.Numerics.BitOperations.LeadingZeroCount(x);
            Bits(0, length);
            Bits(x, length + 1);
        }

        public List<byte> TrailingBits()
        {
            Bits(1, 1);
            while (_count != 0)
            {
                Bits(0, 1);
            }

            return _bytes;
        }
    }
}
