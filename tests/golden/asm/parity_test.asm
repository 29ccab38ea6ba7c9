steps:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 4d                          jb short 0x0000000000000123
      d6:  49 3b 67 20                    cmp rsp,[r15+0x20]
      da:  72 47                          jb short 0x0000000000000123
      dc:  48 83 ff 01                    cmp rdi,1
      e0:  75 3a                          jne short 0x000000000000011C
      e2:  b8 00 00 00 00                 mov eax,0
      e7:  eb 2e                          jmp short 0x0000000000000117
      e9:  0f 1f 80 00 00 00 00           nop [rax]
      f0:  48 f7 c7 01 00 00 00           test rdi,1
      f7:  75 06                          jne short 0x00000000000000FF
      f9:  48 c1 ff 01                    sar rdi,1
      fd:  eb 0c                          jmp short 0x000000000000010B
      ff:  48 6b ff 03                    imul rdi,3
     103:  70 2b                          jo short 0x0000000000000130
     105:  48 83 c7 01                    add rdi,1
     109:  70 25                          jo short 0x0000000000000130
     10b:  48 83 c0 01                    add rax,1
     10f:  70 1f                          jo short 0x0000000000000130
     111:  48 83 ff 01                    cmp rdi,1
     115:  75 d9                          jne short 0x00000000000000F0
     117:  49 83 c6 01                    add r14,1
     11b:  c3                             ret
     11c:  b8 00 00 00 00                 mov eax,0
     121:  eb cd                          jmp short 0x00000000000000F0
     123:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     12b:  e9 43 ff ff ff                 jmp 0x0000000000000073
     130:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     138:  e9 36 ff ff ff                 jmp 0x0000000000000073

