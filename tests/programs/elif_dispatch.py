# An opcode dispatch: a flat `if`/`elif` chain of 200 arms, longer than
# the 150 levels blocks may nest (an `elif` chain is one level however long),
# in a loop over a program in a bytes buffer; arms that fall through to the
# final `else`, and one that raises.


def step(op, acc):
    if op == 0:
        return acc + 1
    elif op == 1:
        return (acc ^ 1) & 0xFFFF
    elif op == 2:
        return acc - 2 if acc > 2 else acc + 2
    elif op == 3:
        return acc * 3 - 3
    elif op == 4:
        return (acc ^ 4) & 0xFFFF
    elif op == 5:
        return acc - 5 if acc > 5 else acc + 5
    elif op == 6:
        return acc * 3 - 6
    elif op == 7:
        return (acc ^ 7) & 0xFFFF
    elif op == 8:
        return acc - 8 if acc > 8 else acc + 8
    elif op == 9:
        return acc * 3 - 9
    elif op == 10:
        return (acc ^ 10) & 0xFFFF
    elif op == 11:
        return acc - 11 if acc > 11 else acc + 11
    elif op == 12:
        return acc * 3 - 12
    elif op == 13:
        return (acc ^ 13) & 0xFFFF
    elif op == 14:
        return acc - 14 if acc > 14 else acc + 14
    elif op == 15:
        return acc * 3 - 15
    elif op == 16:
        return (acc ^ 16) & 0xFFFF
    elif op == 17:
        return acc - 17 if acc > 17 else acc + 17
    elif op == 18:
        return acc * 3 - 18
    elif op == 19:
        return (acc ^ 19) & 0xFFFF
    elif op == 20:
        return acc - 20 if acc > 20 else acc + 20
    elif op == 21:
        return acc * 3 - 21
    elif op == 22:
        return (acc ^ 22) & 0xFFFF
    elif op == 23:
        return acc - 23 if acc > 23 else acc + 23
    elif op == 24:
        return acc * 3 - 24
    elif op == 25:
        return (acc ^ 25) & 0xFFFF
    elif op == 26:
        return acc - 26 if acc > 26 else acc + 26
    elif op == 27:
        return acc * 3 - 27
    elif op == 28:
        return (acc ^ 28) & 0xFFFF
    elif op == 29:
        return acc - 29 if acc > 29 else acc + 29
    elif op == 30:
        return acc * 3 - 30
    elif op == 31:
        return (acc ^ 31) & 0xFFFF
    elif op == 32:
        return acc - 32 if acc > 32 else acc + 32
    elif op == 33:
        return acc * 3 - 33
    elif op == 34:
        return (acc ^ 34) & 0xFFFF
    elif op == 35:
        return acc - 35 if acc > 35 else acc + 35
    elif op == 36:
        return acc * 3 - 36
    elif op == 37:
        return (acc ^ 37) & 0xFFFF
    elif op == 38:
        return acc - 38 if acc > 38 else acc + 38
    elif op == 39:
        return acc * 3 - 39
    elif op == 40:
        return (acc ^ 40) & 0xFFFF
    elif op == 41:
        return acc - 41 if acc > 41 else acc + 41
    elif op == 42:
        return acc * 3 - 42
    elif op == 43:
        return (acc ^ 43) & 0xFFFF
    elif op == 44:
        return acc - 44 if acc > 44 else acc + 44
    elif op == 45:
        return acc * 3 - 45
    elif op == 46:
        return (acc ^ 46) & 0xFFFF
    elif op == 47:
        return acc - 47 if acc > 47 else acc + 47
    elif op == 48:
        return acc * 3 - 48
    elif op == 49:
        return (acc ^ 49) & 0xFFFF
    elif op == 50:
        return acc - 50 if acc > 50 else acc + 50
    elif op == 51:
        return acc * 3 - 51
    elif op == 52:
        return (acc ^ 52) & 0xFFFF
    elif op == 53:
        return acc - 53 if acc > 53 else acc + 53
    elif op == 54:
        return acc * 3 - 54
    elif op == 55:
        return (acc ^ 55) & 0xFFFF
    elif op == 56:
        return acc - 56 if acc > 56 else acc + 56
    elif op == 57:
        return acc * 3 - 57
    elif op == 58:
        return (acc ^ 58) & 0xFFFF
    elif op == 59:
        return acc - 59 if acc > 59 else acc + 59
    elif op == 60:
        return acc * 3 - 60
    elif op == 61:
        return (acc ^ 61) & 0xFFFF
    elif op == 62:
        return acc - 62 if acc > 62 else acc + 62
    elif op == 63:
        return acc * 3 - 63
    elif op == 64:
        return (acc ^ 64) & 0xFFFF
    elif op == 65:
        return acc - 65 if acc > 65 else acc + 65
    elif op == 66:
        return acc * 3 - 66
    elif op == 67:
        return (acc ^ 67) & 0xFFFF
    elif op == 68:
        return acc - 68 if acc > 68 else acc + 68
    elif op == 69:
        return acc * 3 - 69
    elif op == 70:
        return (acc ^ 70) & 0xFFFF
    elif op == 71:
        return acc - 71 if acc > 71 else acc + 71
    elif op == 72:
        return acc * 3 - 72
    elif op == 73:
        return (acc ^ 73) & 0xFFFF
    elif op == 74:
        return acc - 74 if acc > 74 else acc + 74
    elif op == 75:
        return acc * 3 - 75
    elif op == 76:
        return (acc ^ 76) & 0xFFFF
    elif op == 77:
        return acc - 77 if acc > 77 else acc + 77
    elif op == 78:
        return acc * 3 - 78
    elif op == 79:
        return (acc ^ 79) & 0xFFFF
    elif op == 80:
        return acc - 80 if acc > 80 else acc + 80
    elif op == 81:
        return acc * 3 - 81
    elif op == 82:
        return (acc ^ 82) & 0xFFFF
    elif op == 83:
        return acc - 83 if acc > 83 else acc + 83
    elif op == 84:
        return acc * 3 - 84
    elif op == 85:
        return (acc ^ 85) & 0xFFFF
    elif op == 86:
        return acc - 86 if acc > 86 else acc + 86
    elif op == 87:
        return acc * 3 - 87
    elif op == 88:
        return (acc ^ 88) & 0xFFFF
    elif op == 89:
        return acc - 89 if acc > 89 else acc + 89
    elif op == 90:
        return acc * 3 - 90
    elif op == 91:
        return (acc ^ 91) & 0xFFFF
    elif op == 92:
        return acc - 92 if acc > 92 else acc + 92
    elif op == 93:
        return acc * 3 - 93
    elif op == 94:
        return (acc ^ 94) & 0xFFFF
    elif op == 95:
        return acc - 95 if acc > 95 else acc + 95
    elif op == 96:
        return acc * 3 - 96
    elif op == 97:
        return (acc ^ 97) & 0xFFFF
    elif op == 98:
        return acc - 98 if acc > 98 else acc + 98
    elif op == 99:
        return acc * 3 - 99
    elif op == 100:
        return (acc ^ 100) & 0xFFFF
    elif op == 101:
        return acc - 101 if acc > 101 else acc + 101
    elif op == 102:
        return acc * 3 - 102
    elif op == 103:
        return (acc ^ 103) & 0xFFFF
    elif op == 104:
        return acc - 104 if acc > 104 else acc + 104
    elif op == 105:
        return acc * 3 - 105
    elif op == 106:
        return (acc ^ 106) & 0xFFFF
    elif op == 107:
        return acc - 107 if acc > 107 else acc + 107
    elif op == 108:
        return acc * 3 - 108
    elif op == 109:
        return (acc ^ 109) & 0xFFFF
    elif op == 110:
        return acc - 110 if acc > 110 else acc + 110
    elif op == 111:
        return acc * 3 - 111
    elif op == 112:
        return (acc ^ 112) & 0xFFFF
    elif op == 113:
        return acc - 113 if acc > 113 else acc + 113
    elif op == 114:
        return acc * 3 - 114
    elif op == 115:
        return (acc ^ 115) & 0xFFFF
    elif op == 116:
        return acc - 116 if acc > 116 else acc + 116
    elif op == 117:
        return acc * 3 - 117
    elif op == 118:
        return (acc ^ 118) & 0xFFFF
    elif op == 119:
        return acc - 119 if acc > 119 else acc + 119
    elif op == 120:
        return acc * 3 - 120
    elif op == 121:
        return (acc ^ 121) & 0xFFFF
    elif op == 122:
        return acc - 122 if acc > 122 else acc + 122
    elif op == 123:
        return acc * 3 - 123
    elif op == 124:
        return (acc ^ 124) & 0xFFFF
    elif op == 125:
        return acc - 125 if acc > 125 else acc + 125
    elif op == 126:
        return acc * 3 - 126
    elif op == 127:
        return (acc ^ 127) & 0xFFFF
    elif op == 128:
        return acc - 128 if acc > 128 else acc + 128
    elif op == 129:
        return acc * 3 - 129
    elif op == 130:
        return (acc ^ 130) & 0xFFFF
    elif op == 131:
        return acc - 131 if acc > 131 else acc + 131
    elif op == 132:
        return acc * 3 - 132
    elif op == 133:
        return (acc ^ 133) & 0xFFFF
    elif op == 134:
        return acc - 134 if acc > 134 else acc + 134
    elif op == 135:
        return acc * 3 - 135
    elif op == 136:
        return (acc ^ 136) & 0xFFFF
    elif op == 137:
        return acc - 137 if acc > 137 else acc + 137
    elif op == 138:
        return acc * 3 - 138
    elif op == 139:
        return (acc ^ 139) & 0xFFFF
    elif op == 140:
        return acc - 140 if acc > 140 else acc + 140
    elif op == 141:
        return acc * 3 - 141
    elif op == 142:
        return (acc ^ 142) & 0xFFFF
    elif op == 143:
        return acc - 143 if acc > 143 else acc + 143
    elif op == 144:
        return acc * 3 - 144
    elif op == 145:
        return (acc ^ 145) & 0xFFFF
    elif op == 146:
        return acc - 146 if acc > 146 else acc + 146
    elif op == 147:
        return acc * 3 - 147
    elif op == 148:
        return (acc ^ 148) & 0xFFFF
    elif op == 149:
        return acc - 149 if acc > 149 else acc + 149
    elif op == 150:
        return acc // (op - 150)
    elif op == 151:
        return (acc ^ 151) & 0xFFFF
    elif op == 152:
        return acc - 152 if acc > 152 else acc + 152
    elif op == 153:
        return acc * 3 - 153
    elif op == 154:
        return (acc ^ 154) & 0xFFFF
    elif op == 155:
        return acc - 155 if acc > 155 else acc + 155
    elif op == 156:
        return acc * 3 - 156
    elif op == 157:
        return (acc ^ 157) & 0xFFFF
    elif op == 158:
        return acc - 158 if acc > 158 else acc + 158
    elif op == 159:
        return acc * 3 - 159
    elif op == 160:
        return (acc ^ 160) & 0xFFFF
    elif op == 161:
        return acc - 161 if acc > 161 else acc + 161
    elif op == 162:
        return acc * 3 - 162
    elif op == 163:
        return (acc ^ 163) & 0xFFFF
    elif op == 164:
        return acc - 164 if acc > 164 else acc + 164
    elif op == 165:
        return acc * 3 - 165
    elif op == 166:
        return (acc ^ 166) & 0xFFFF
    elif op == 167:
        return acc - 167 if acc > 167 else acc + 167
    elif op == 168:
        return acc * 3 - 168
    elif op == 169:
        return (acc ^ 169) & 0xFFFF
    elif op == 170:
        return acc - 170 if acc > 170 else acc + 170
    elif op == 171:
        return acc * 3 - 171
    elif op == 172:
        return (acc ^ 172) & 0xFFFF
    elif op == 173:
        return acc - 173 if acc > 173 else acc + 173
    elif op == 174:
        return acc * 3 - 174
    elif op == 175:
        return (acc ^ 175) & 0xFFFF
    elif op == 176:
        return acc - 176 if acc > 176 else acc + 176
    elif op == 177:
        return acc * 3 - 177
    elif op == 178:
        return (acc ^ 178) & 0xFFFF
    elif op == 179:
        return acc - 179 if acc > 179 else acc + 179
    elif op == 180:
        return acc * 3 - 180
    elif op == 181:
        return (acc ^ 181) & 0xFFFF
    elif op == 182:
        return acc - 182 if acc > 182 else acc + 182
    elif op == 183:
        return acc * 3 - 183
    elif op == 184:
        return (acc ^ 184) & 0xFFFF
    elif op == 185:
        return acc - 185 if acc > 185 else acc + 185
    elif op == 186:
        return acc * 3 - 186
    elif op == 187:
        return (acc ^ 187) & 0xFFFF
    elif op == 188:
        return acc - 188 if acc > 188 else acc + 188
    elif op == 189:
        return acc * 3 - 189
    elif op == 190:
        return (acc ^ 190) & 0xFFFF
    elif op == 191:
        return acc - 191 if acc > 191 else acc + 191
    elif op == 192:
        return acc * 3 - 192
    elif op == 193:
        return (acc ^ 193) & 0xFFFF
    elif op == 194:
        return acc - 194 if acc > 194 else acc + 194
    elif op == 195:
        return acc * 3 - 195
    elif op == 196:
        return (acc ^ 196) & 0xFFFF
    elif op == 197:
        return acc - 197 if acc > 197 else acc + 197
    elif op == 198:
        return acc * 3 - 198
    elif op == 199:
        return (acc ^ 199) & 0xFFFF
    else:
        return -acc


def run(code: bytes, acc):
    for op in code:
        acc = step(op, acc)
    return acc


# call: step(0, 5)
# call: step(1, 5)
# call: step(149, 5)
# call: step(199, 5)
# call: step(200, 5)
# call: step(-1, 5)
# call: step(150, 5)
# call: run(b'\x00\x01\x02\x03\x04\x05\xc7\xc8\xff', 12)
# call: run(b'\x10\x20\x30\x40\x50\x60\x70\x80\x90', -7)
# call: run(b'\x01\x96', 3)
